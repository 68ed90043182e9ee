"""The deadline table of RULES.md ("Citizens"), the values in force since 2019, as the
first lines of `DeadlineRule` (data with effective dates; administrators add later ones).

- Khiếu nại (Luật Khiếu nại 2011, in force 01/07/2012): accept within 10 days of receipt
  (Art. 27); decide within 30 days of acceptance, 45 if complex; in remote areas 45, and
  60 if complex (Art. 28).
- Tố cáo (Luật Tố cáo 2018, in force 01/01/2019): accept within 7 working days (Art. 24,
  29; likely); conclude within 30 days of acceptance, 60 if complex (one extension of
  30 days), 90 if especially complex (two) (Art. 30).
- Kiến nghị, Phản ánh (QĐ 11-QĐi/TW, 18/02/2019): tell the sender within 10 working days
  whether it was accepted or forwarded; no legal period to close (none by default).
"""

import datetime as dt

from django.db import migrations

D = dt.date
COMPLAINT_LAW = "Luật Khiếu nại 2011"
DENUNCIATION_LAW = "Luật Tố cáo 2018"
QD11 = "QĐ 11-QĐi/TW"
RULES = [
    # kind, stage, complexity, remote, days, unit, from, source, certainty
    ("COMPLAINT", "ACCEPT", "", None, 10, "calendar", D(2012, 7, 1), f"{COMPLAINT_LAW}, Điều 27", "SURE"),
    ("COMPLAINT", "CLOSE", "NORMAL", False, 30, "calendar", D(2012, 7, 1), f"{COMPLAINT_LAW}, Điều 28", "SURE"),
    ("COMPLAINT", "CLOSE", "COMPLEX", False, 45, "calendar", D(2012, 7, 1), f"{COMPLAINT_LAW}, Điều 28", "SURE"),
    ("COMPLAINT", "CLOSE", "NORMAL", True, 45, "calendar", D(2012, 7, 1), f"{COMPLAINT_LAW}, Điều 28", "SURE"),
    ("COMPLAINT", "CLOSE", "COMPLEX", True, 60, "calendar", D(2012, 7, 1), f"{COMPLAINT_LAW}, Điều 28", "SURE"),
    ("DENUNCIATION", "ACCEPT", "", None, 7, "working", D(2019, 1, 1), f"{DENUNCIATION_LAW}, Điều 24, 29", "LIKELY"),
    ("DENUNCIATION", "CLOSE", "NORMAL", None, 30, "calendar", D(2019, 1, 1), f"{DENUNCIATION_LAW}, Điều 30", "SURE"),
    ("DENUNCIATION", "CLOSE", "COMPLEX", None, 60, "calendar", D(2019, 1, 1), f"{DENUNCIATION_LAW}, Điều 30", "SURE"),
    ("DENUNCIATION", "CLOSE", "VERY_COMPLEX", None, 90, "calendar", D(2019, 1, 1), f"{DENUNCIATION_LAW}, Điều 30",
     "SURE"),
    ("RECOMMENDATION", "ACCEPT", "", None, 10, "working", D(2019, 2, 18), QD11, "SURE"),
    ("FEEDBACK", "ACCEPT", "", None, 10, "working", D(2019, 2, 18), QD11, "SURE"),
]


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("citizens", "DeadlineRule")
    for kind, stage, complexity, remote, days, unit, start, source, certainty in RULES:
        DeadlineRule.objects.get_or_create(
            kind=kind, stage=stage, complexity=complexity, remote=remote, effective_from=start,
            defaults={"days": days, "unit": unit, "source": source, "certainty": certainty},
        )


class Migration(migrations.Migration):
    dependencies = [("citizens", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
