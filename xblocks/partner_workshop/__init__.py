"""The partner workshop XBlock (``bina_partner_workshop``): see ``block.py``."""
