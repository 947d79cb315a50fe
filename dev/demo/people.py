"""The demo's personas (all synthetic): who signs in where in `make demo`."""

# Demo personas in the dev LMS: (username, full name, email, extra manage_user flags).
LMS_LEARNERS = [
    ("ani", "Ani Siregar", "ani@contoh.sibolgakota.go.id"),
    ("budi", "Budi Hutagalung", "budi@contoh.sibolgakota.go.id"),
    ("citra", "Citra Pasaribu", "citra@contoh.sibolgakota.go.id"),
    ("dedi", "Dedi Simatupang", "dedi@contoh.sibolgakota.go.id"),
]
LMS_STAFF = ("pelatih", "Pelatih BKPSDM", "pelatih@contoh.sibolgakota.go.id")
LMS_JURY = ("juri_mitra", "Juri Mitra Swasta", "juri@contoh-mitra.co.id")
SERVICE_USER = ("bina_companion", "Bina companion service", "bina-companion@localhost")
OAUTH_APP_NAME = "bina-companion"

COMPANION_ADMIN = ("admin", "Admin BKPSDM", "admin@contoh.sibolgakota.go.id")
COMPANION_EVALUATOR = ("evaluator", "Evaluator Bappeda", "evaluator@contoh.sibolgakota.go.id")
