"""An ASN's own learning: "JP saya" and the learning they did outside the LMS (ADR 0142)."""
