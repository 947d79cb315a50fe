"""The respondent profile the model questionnaire asks for, and how typed values map onto it.

Imports meet many spellings ("Laki-laki", "L", "Pria"; "SMA", "SMK"; an age typed as a number);
``parse_*`` turn them into the codes stored, or raise ``ValueError`` with the accepted values.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class AgeGroup(models.TextChoices):
    UNDER_20 = "<20", _("Under 20")
    TWENTIES = "20-29", _("20-29 years")
    THIRTIES = "30-39", _("30-39 years")
    FORTIES = "40-49", _("40-49 years")
    FIFTIES = "50-59", _("50-59 years")
    SIXTY_PLUS = "60+", _("60 years and over")


class Education(models.TextChoices):
    PRIMARY = "sd", _("Primary school or less")
    JUNIOR = "smp", _("Junior high school (SMP)")
    SENIOR = "sma", _("Senior high school (SMA/SMK)")
    DIPLOMA = "d1-d3", _("Diploma (D1-D3)")
    BACHELOR = "d4-s1", _("Bachelor (D4/S1)")
    MASTER = "s2", _("Master (S2)")
    DOCTORATE = "s3", _("Doctorate (S3)")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "pns", _("Civil servant (PNS/PPPK)")
    TNI_POLRI = "tni-polri", _("TNI/POLRI")
    PRIVATE = "swasta", _("Private-sector employee")
    SELF_EMPLOYED = "wirausaha", _("Self-employed")
    STUDENT = "pelajar", _("School or university student")
    NOT_WORKING = "tidak-bekerja", _("Not working / homemaker")
    OTHER = "lainnya", _("Other")


def _key(value: str) -> str:
    return re.sub(r"[^a-z0-9+<]", "", str(value).lower())


SEX_SYNONYMS = {
    "l": Sex.MALE,
    "lakilaki": Sex.MALE,
    "laki": Sex.MALE,
    "pria": Sex.MALE,
    "male": Sex.MALE,
    "m": Sex.MALE,
    "p": Sex.FEMALE,
    "perempuan": Sex.FEMALE,
    "wanita": Sex.FEMALE,
    "female": Sex.FEMALE,
    "f": Sex.FEMALE,
}
EDUCATION_SYNONYMS = {
    "sd": Education.PRIMARY,
    "sdkebawah": Education.PRIMARY,
    "tidaksekolah": Education.PRIMARY,
    "tidaktamatsd": Education.PRIMARY,
    "smp": Education.JUNIOR,
    "sltp": Education.JUNIOR,
    "mts": Education.JUNIOR,
    "sma": Education.SENIOR,
    "smk": Education.SENIOR,
    "slta": Education.SENIOR,
    "ma": Education.SENIOR,
    "smasmk": Education.SENIOR,
    "smasederajat": Education.SENIOR,
    "d1": Education.DIPLOMA,
    "d2": Education.DIPLOMA,
    "d3": Education.DIPLOMA,
    "diii": Education.DIPLOMA,
    "d1d3": Education.DIPLOMA,
    "diploma": Education.DIPLOMA,
    "d4": Education.BACHELOR,
    "div": Education.BACHELOR,
    "s1": Education.BACHELOR,
    "d4s1": Education.BACHELOR,
    "sarjana": Education.BACHELOR,
    "s2": Education.MASTER,
    "magister": Education.MASTER,
    "s3": Education.DOCTORATE,
    "doktor": Education.DOCTORATE,
}
OCCUPATION_SYNONYMS = {
    "pns": Occupation.CIVIL_SERVANT,
    "asn": Occupation.CIVIL_SERVANT,
    "pppk": Occupation.CIVIL_SERVANT,
    "pnspppk": Occupation.CIVIL_SERVANT,
    "tni": Occupation.TNI_POLRI,
    "polri": Occupation.TNI_POLRI,
    "tnipolri": Occupation.TNI_POLRI,
    "swasta": Occupation.PRIVATE,
    "pegawaiswasta": Occupation.PRIVATE,
    "karyawanswasta": Occupation.PRIVATE,
    "wirausaha": Occupation.SELF_EMPLOYED,
    "wiraswasta": Occupation.SELF_EMPLOYED,
    "pedagang": Occupation.SELF_EMPLOYED,
    "nelayan": Occupation.SELF_EMPLOYED,
    "petani": Occupation.SELF_EMPLOYED,
    "pelajar": Occupation.STUDENT,
    "mahasiswa": Occupation.STUDENT,
    "pelajarmahasiswa": Occupation.STUDENT,
    "tidakbekerja": Occupation.NOT_WORKING,
    "iburumahtangga": Occupation.NOT_WORKING,
    "irt": Occupation.NOT_WORKING,
    "lainnya": Occupation.OTHER,
    "lainlain": Occupation.OTHER,
}


def _choice(value: str, choices, synonyms: dict) -> str:
    if not str(value).strip():
        return ""
    key = _key(value)
    for choice in choices:
        if key in (_key(choice.value), _key(choice.label)):
            return choice.value
    if key in synonyms:
        return synonyms[key].value
    accepted = ", ".join(str(choice.label) for choice in choices)
    raise ValueError(f"'{value}' ({accepted})")


def parse_sex(value: str) -> str:
    return _choice(value, Sex, SEX_SYNONYMS)


def parse_education(value: str) -> str:
    return _choice(value, Education, EDUCATION_SYNONYMS)


def parse_occupation(value: str) -> str:
    return _choice(value, Occupation, OCCUPATION_SYNONYMS)


def age_group_of(age: int) -> str:
    if age < 20:
        return AgeGroup.UNDER_20.value
    if age >= 60:
        return AgeGroup.SIXTY_PLUS.value
    return f"{age // 10 * 10}-{age // 10 * 10 + 9}"


def parse_age(value: str) -> str:
    """An age group code from a group ("30-39", "60+") or an age in years ("34", "34 tahun")."""
    text = str(value).strip()
    if not text:
        return ""
    number = re.fullmatch(r"(\d{1,3})(?:[.,]0+)?\s*(?:th|thn|tahun)?\.?", text, re.IGNORECASE)
    if number:
        age = int(number.group(1))
        if not 10 <= age <= 110:
            raise ValueError(f"'{value}' (10-110)")
        return age_group_of(age)
    return _choice(text.replace(" ", "").replace("tahun", ""), AgeGroup, {"dibawah20": AgeGroup.UNDER_20})
