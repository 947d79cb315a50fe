"""Plain data classes passed across app boundaries (OEP-49). Each block's issue adds its own."""
