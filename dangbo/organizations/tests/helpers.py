"""Tests' shorthands for one tree change through the real service (`change_tree`)."""

from dangbo.organizations import services
from dangbo.organizations.models import Organization, Reorganization


def found(*, by=None, **fields) -> Organization:
    return services.change_tree(organizations=[services.NewOrganization(**fields)], by=by).organizations[0]


def reorganize(*, by=None, **fields) -> Reorganization:
    return services.change_tree(reorganizations=[services.NewReorganization(**fields)], by=by).reorganizations[0]


def correct(*, organization, by=None, **fields) -> bool:
    change = services.change_tree(corrections=[services.Correction(organization=organization, **fields)], by=by)
    return bool(change.corrected)
