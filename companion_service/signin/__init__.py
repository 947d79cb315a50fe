"""Sign-in through Open edX (edx-auth-backends' OAuth2 backend) and the ASN each user is (ADR 0141)."""
