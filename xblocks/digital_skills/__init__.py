"""The digital-skills assessment XBlock (``bina_digital_skills``).

Learners take a competence-mapped assessment before and after training; results are reported per
pillar of Indonesia's digital-literacy roadmap (Cakap, Etika, Aman, Budaya Digital) on 0-100 and on
the 1-5 scale of the national Digital Literacy Index, and per EU DigComp 2.2 area as a proficiency
band. The pure parts (bank, drawing, scoring, file exchange) have no XBlock or Django imports.
"""
