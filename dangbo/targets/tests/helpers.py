import datetime as dt
import io
from decimal import Decimal

from dangbo.interchange.exporter import write_workbook
from dangbo.interchange.importer import import_file
from dangbo.organizations.models import Organization
from dangbo.organizations.tests.helpers import found
from dangbo.targets import services

D = Decimal


def thanhha(founded_on=dt.date(2000, 1, 1)) -> Organization:
    return found(
        code="THANHHA",
        name="Đảng bộ huyện Thanh Hà",
        kind=Organization.Kind.ABOVE_GRASSROOTS,
        founded_on=founded_on,
    )


def workbook(**sheets) -> bytes:
    buffer = io.BytesIO()
    write_workbook(sheets, buffer)
    return buffer.getvalue()


def load(**sheets):
    return import_file(data=workbook(**sheets), name="x.xlsx")


def row(code="KT01", planned=10, actual=None, direction="Tăng", org="THANHHA", year=2022, name="Chỉ tiêu"):
    """One row of the sheet, in its column order."""
    return [year, org, code, name, "%", planned, actual, direction, None]


def target(org, code="KT01", planned="10", direction="UP", actual=None, year=2022, **kwargs):
    return services.create_target(
        organization=org,
        year=year,
        code=code,
        name=f"Chỉ tiêu {code}",
        planned=D(planned),
        direction=direction,
        actual=None if actual is None else D(actual),
        **kwargs,
    )
