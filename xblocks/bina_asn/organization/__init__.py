"""The city's OPDs and service units, as the LMS knows them (imported from the units file)."""
