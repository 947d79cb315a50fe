"""The roster: who each ASN is (NIP, name, OPD, jabatan, golongan, PNS or PPPK) and their LMS username.

ASN (aparatur sipil negara) are the city's civil servants, PNS and PPPK. The roster is loaded from
the HR office's spreadsheet (``companion import-roster``) and corrected in the admin; the sync joins
Open edX learners to it.
"""
