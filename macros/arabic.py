"""Arabic as the book writes it: Levantine month names with the other name after a slash
(27 تشرين الثاني/نوفمبر 2024), as Syrian readers and AFP's Arabic service write dates, and
Western digits throughout, so that every figure can be checked against the English by machine."""

import datetime as dt

MONTHS_AR = ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
             "حزيران/يونيو", "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
             "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر")


def format_date_ar(day: dt.date) -> str:
    """27 تشرين الثاني/نوفمبر 2024"""
    return f"{day.day} {MONTHS_AR[day.month - 1]} {day.year}"
