"""The innovation-idea competition block (``bina_innovation``): ASN propose ideas to improve public
services, colleagues support and discuss them, a jury scores them and winners become programs.
"""
