"""Citizens records built through the real services (STYLE.md), for the tests."""

import datetime as dt

from dangbo.accounts.models import User
from dangbo.accounts.services import create_user
from dangbo.citizens import services

D = dt.date
SECRET = "Phạm Thị Kín, thôn Đông, xã An Bình"  # the denouncer of the tests: must never leak


def office(org, username="otto"):
    """A citizens office account: the one role that sees denouncers."""
    return create_user(username=username, password="pw-for-tests", role=User.Role.CITIZENS_OFFICE, organization=org)


MARCH_1, MARCH_15 = D(2022, 3, 1), D(2022, 3, 15)


def petition(org, *, code="P1", received_on=MARCH_1, kind="COMPLAINT", content="Khiếu nại về đất đai",
             by=None, **fields):
    item = services.PetitionData(code=code, received_on=received_on, organization=org, kind=kind, content=content,
                                 **fields)
    return services.record_petitions(items=[item], by=by)[0]


def session(org, *, date=MARCH_15, form="REGULAR", citizens=5, by=None, **fields):
    item = services.ReceptionData(organization=org, date=date, form=form, citizens=citizens, **fields)
    return services.record_receptions(items=[item], by=by)[0]
