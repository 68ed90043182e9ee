"""Every URL of the application × every role × GET and POST: the status each answers.

The URLs come from the URL configuration, so a new view without a line in `MATRIX`
fails `test_every_url_has_a_line`: adding a view means declaring who may use it.

A line gives the statuses for GET and for POST (with no data), the URL's arguments
taken from `world` (one record of each kind), in the order of ROLES: anonymous, alice
(committee staff of DIST), bob (secretary of CELL1A), charlie (committee staff of
OTHER, the outsider), vera (viewer of DIST), eddie (news editor), root (administrator),
otto (citizens office of DIST), ines (inspection staff of DIST).
302 for anonymous is the way to the log-in page; for the others a redirect after a
form's message. A POST with no data is an empty form: 200 (the form again, with its
errors) or 302 (a message) where the user may write, 404 where they may not, 405 where
only the other method is served.

To regenerate the table after a deliberate change, run
`DANGBO_DUMP_MATRIX=1 pytest -s dangbo/core/tests/test_url_matrix.py`, review the
printed lines, and copy them here.
"""

import datetime as dt
import os
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

D = dt.date
ROLES = ("anon", "alice", "bob", "charlie", "vera", "eddie", "root", "otto", "ines")
JOB = uuid.UUID("00000000-0000-4000-8000-000000000001")
# The query string some URLs need.
QUERIES = {"interchange:export": "?org=DIST", "members:list_xlsx": "?org=DIST"}

# name: (GET statuses, POST statuses), statuses in the order of ROLES.
MATRIX: dict[str, tuple[str, str]] = {
    "core:dashboard": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "core:healthz": ("200 200 200 200 200 200 200 200 200", "200 200 200 200 200 200 200 200 200"),
    "accounts:login": ("200 302 302 302 302 302 302 302 302", "200 302 302 302 302 302 302 302 302"),
    "accounts:logout": ("302 405 405 405 405 405 405 405 405", "302 302 302 302 302 302 302 302 302"),
    "accounts:password_change": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "accounts:password_change_done": ("302 200 200 200 200 200 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "organizations:tree": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "organizations:create": ("302 200 404 200 404 404 200 404 404", "302 200 404 200 404 404 200 404 404"),
    "organizations:detail": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "organizations:children": ("302 302 404 404 302 404 302 404 302", "302 405 405 405 405 405 405 405 405"),
    "organizations:reorganize": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "organizations:void": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "members:list": ("302 200 200 200 200 404 200 404 200", "302 200 200 200 200 404 200 404 200"),
    "members:list_xlsx": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "members:create": ("302 200 404 200 404 404 200 404 404", "302 200 404 200 404 404 200 404 404"),
    "members:worklists": ("302 200 200 200 200 404 200 404 200", "302 200 200 200 200 404 200 404 200"),
    "members:access_log": ("302 404 404 404 404 404 200 404 404", "302 404 404 404 404 404 200 404 404"),
    "members:quality": ("302 200 200 200 200 404 200 404 200", "302 200 200 200 200 404 200 404 200"),
    "members:register": ("302 200 200 404 200 404 200 404 200", "302 200 200 404 200 404 200 404 200"),
    "members:void_event": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "members:attach_to_event": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "members:attachment": ("302 200 200 404 200 404 200 404 200", "302 200 200 404 200 404 200 404 200"),
    "members:void_attachment": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "members:detail": ("302 200 200 404 200 404 200 404 200", "302 200 200 404 200 404 200 404 200"),
    "members:record_event": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "members:event_form": ("302 200 404 404 404 404 200 404 404", "302 405 405 405 405 405 405 405 405"),
    "members:photo": ("302 200 200 404 200 404 200 404 200", "302 200 200 404 200 404 200 404 200"),
    "members:upload_photo": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "members:seriously_ill": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "interchange:import": ("302 200 404 200 404 404 200 404 404", "302 200 404 200 404 404 200 404 404"),
    "interchange:job": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "interchange:job_status": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "interchange:job_confirm": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "interchange:template": ("302 200 404 200 404 404 200 404 404", "302 200 404 200 404 404 200 404 404"),
    "interchange:export": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "targets:detail": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 404 404 200 404 404"),
    "targets:edit": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "targets:organization": ("302 302 404 404 302 404 302 404 302", "302 302 404 404 302 404 302 404 302"),
    "targets:year": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "targets:create": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "ratings:organization": ("302 302 404 404 302 404 302 404 302", "302 302 404 404 302 404 302 404 302"),
    "ratings:rate": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "ratings:rate_member": ("302 302 404 404 302 404 302 404 302", "302 302 404 404 404 404 302 404 404"),
    "ratings:rate_organization": ("302 302 404 404 302 404 302 404 302", "302 302 404 404 404 404 302 404 404"),
    "ratings:reopen": ("302 404 404 404 404 404 404 404 404", "302 302 404 404 404 404 302 404 404"),
    "ratings:summary": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "ratings:export": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "cadres:decision": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "cadres:void_decision": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "cadres:attach": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "cadres:download": ("302 200 404 404 200 404 200 404 200", "302 405 405 405 405 405 405 405 405"),
    "cadres:void_attachment": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "cadres:end_title": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "cadres:take_out": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "cadres:void_plan": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "cadres:member_options": ("302 200 200 200 200 200 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "cadres:organization": ("302 302 404 404 302 404 302 404 302", "302 302 404 404 302 404 302 404 302"),
    "cadres:record": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "cadres:terms": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "cadres:titles": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 404 404 200 404 404"),
    "cadres:plans": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 404 404 200 404 404"),
    "cadres:year": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "training:detail": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 404 404 200 404 404"),
    "training:results": ("302 302 404 404 404 404 302 404 404", "302 302 404 404 404 404 302 404 404"),
    "training:attendance": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "training:attendance_xlsx": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "training:organization": ("302 302 404 404 302 404 302 404 302", "302 302 404 404 302 404 302 404 302"),
    "training:create": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "training:year": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "reports:issued_docx": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "reports:organization": ("302 302 404 404 302 404 302 404 302", "302 302 404 404 302 404 302 404 302"),
    "reports:settings": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "reports:year": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "reports:docx": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "reports:xlsx": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "reports:records": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "reports:issue": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "reports:news_draft": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "news:list": ("200 200 200 200 200 200 200 200 200", "200 200 200 200 200 200 200 200 200"),
    "news:photo": ("200 200 200 200 200 200 200 200 200", "200 200 200 200 200 200 200 200 200"),
    "news:report": ("405 405 405 405 405 405 405 405 405", "302 302 302 302 302 302 302 302 302"),
    "news:suggest": ("200 200 200 200 200 200 200 200 200", "405 405 405 405 405 405 405 405 405"),
    "news:article": ("200 200 200 200 200 200 200 200 200", "200 200 200 200 200 200 200 200 200"),
    "news:editor_list": ("302 404 404 404 404 200 200 404 404", "302 404 404 404 404 200 200 404 404"),
    "news:create": ("302 404 404 404 404 200 200 404 404", "302 404 404 404 404 200 200 404 404"),
    "news:edit": ("302 404 404 404 404 200 200 404 404", "302 404 404 404 404 200 200 404 404"),
    "news:add_photo": ("302 405 405 405 405 405 405 405 405", "302 404 404 404 404 200 200 404 404"),
    "news:publish": ("302 405 405 405 405 405 405 405 405", "302 404 404 404 404 302 302 404 404"),
    "news:unpublish": ("302 405 405 405 405 405 405 405 405", "302 404 404 404 404 302 302 404 404"),
    "news:moderation": ("302 404 404 404 404 200 200 404 404", "302 404 404 404 404 200 200 404 404"),
    "news:moderate": ("302 405 405 405 405 405 405 405 405", "302 404 404 404 404 302 302 404 404"),
    "news:block": ("302 405 405 405 405 405 405 405 405", "302 404 404 404 404 302 302 404 404"),
    "news:follow_up": ("302 405 405 405 405 405 405 405 405", "302 404 404 404 404 302 302 404 404"),
    "set_language": ("302 302 302 302 302 302 302 302 302", "302 302 302 302 302 302 302 302 302"),
    "core:panel": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "core:help": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "core:help_page": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "citizens:index": ("302 302 302 302 302 404 200 302 302", "302 302 302 302 302 404 200 302 302"),
    "citizens:rules": ("302 200 200 200 200 404 200 200 200", "302 404 404 404 404 404 200 404 404"),
    "citizens:comments": ("302 404 404 404 404 404 200 200 404", "302 404 404 404 404 404 200 200 404"),
    "citizens:comment_to_petition": ("302 405 405 405 405 405 405 405 405", "302 404 404 404 404 302 302 404 404"),
    "citizens:petition": ("302 200 404 404 200 404 200 200 200", "302 200 404 404 200 404 200 200 200"),
    "citizens:petition_edit": ("302 200 404 404 404 404 200 200 404", "302 200 404 404 404 404 200 200 404"),
    "citizens:petition_accept": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 302 404"),
    "citizens:petition_close": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 302 404"),
    "citizens:petition_extend": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 302 404"),
    "citizens:petition_void": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 302 404"),
    "citizens:petition_sender": ("302 404 404 404 404 404 404 200 404", "302 404 404 404 404 404 404 200 404"),
    "citizens:reception": ("302 200 404 404 200 404 200 200 200", "302 200 404 404 404 404 200 200 404"),
    "citizens:reception_void": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 302 404"),
    "citizens:organization": ("302 200 404 404 200 404 200 200 200", "302 200 404 404 200 404 200 200 200"),
    "citizens:petitions": ("302 200 404 404 200 404 200 200 200", "302 200 404 404 200 404 200 200 200"),
    "citizens:petition_new": ("302 200 404 404 404 404 200 200 404", "302 200 404 404 404 404 200 200 404"),
    "citizens:receptions": ("302 200 404 404 200 404 200 200 200", "302 200 404 404 200 404 200 200 200"),
    "citizens:reception_new": ("302 200 404 404 404 404 200 200 404", "302 200 404 404 404 404 200 200 404"),
    "citizens:minimum": ("302 200 404 404 200 404 200 200 200", "302 200 404 404 404 404 200 200 404"),
    "citizens:export": ("302 200 404 404 200 404 200 200 200", "302 200 404 404 200 404 200 200 200"),
    "mobilization:levels": ("302 200 200 200 200 404 200 200 200", "302 404 404 404 404 404 200 404 404"),
    "mobilization:detail": ("302 200 404 404 200 404 200 200 200", "302 200 404 404 200 404 200 200 200"),
    "mobilization:edit": ("302 200 404 404 404 404 200 200 404", "302 200 404 404 404 404 200 200 404"),
    "mobilization:void": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 302 404"),
    "mobilization:organization": ("302 200 404 404 200 404 200 200 200", "302 200 404 404 200 404 200 200 200"),
    "mobilization:new": ("302 200 404 404 404 404 200 200 404", "302 200 404 404 404 404 200 200 404"),
    "news:preview": ("302 404 404 404 404 200 200 404 404", "302 404 404 404 404 200 200 404 404"),
    "inspections:item": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "inspections:edit_item": ("302 200 404 404 404 404 200 404 200", "302 200 404 404 404 404 200 404 200"),
    "inspections:conclude": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 302"),
    "inspections:add_remedy": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 302"),
    "inspections:void_item": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 302"),
    "inspections:remedy_done": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 302"),
    "inspections:void_remedy": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 302"),
    "inspections:describe_program": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 302"),
    "inspections:discipline": ("302 200 200 404 404 404 200 404 200", "302 200 200 404 404 404 200 404 200"),
    "inspections:void_discipline": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 302"),
    "inspections:organization": ("302 302 404 404 302 404 302 404 302", "302 302 404 404 302 404 302 404 302"),
    "inspections:new_item": ("302 200 404 404 404 404 200 404 200", "302 200 404 404 404 404 200 404 200"),
    "inspections:remedies": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "inspections:new_discipline": ("302 200 404 404 404 404 200 404 200", "302 200 404 404 404 404 200 404 200"),
    "inspections:disciplines": ("302 200 404 404 404 404 200 404 200", "302 200 404 404 404 404 200 404 200"),
    "inspections:year": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "development:candidate": ("302 200 200 404 200 404 200 404 200", "302 200 200 404 200 404 200 404 200"),
    "development:candidate_edit": ("302 200 200 404 404 404 200 404 404", "302 200 200 404 404 404 200 404 404"),
    "development:candidate_step": ("302 405 405 405 405 405 405 405 405", "302 302 302 404 404 404 302 404 404"),
    "development:checkpoint_void": ("302 405 405 405 405 405 405 405 405", "302 302 302 404 404 404 302 404 404"),
    "development:candidate_certificate": ("302 405 405 405 405 405 405 405 405", "302 302 302 404 404 404 302 404 404"),
    "development:candidate_admit": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "development:candidate_stop": ("302 405 405 405 405 405 405 405 405", "302 302 302 404 404 404 302 404 404"),
    "development:pipeline": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "development:candidate_new": ("302 200 404 404 404 404 200 404 404", "302 200 404 404 404 404 200 404 404"),
    "development:targets": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 404 404 200 404 404"),
    "leadership:document": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "leadership:document_void": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "leadership:term_void": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "leadership:session": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 404 404 200 404 404"),
    "leadership:assignment_end": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "leadership:documents": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 404 404 200 404 404"),
    "leadership:document_proposal": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 200 404 200 404 200"),
    "leadership:term_add": ("302 405 405 405 405 405 405 405 405", "302 302 404 404 404 404 302 404 404"),
    "leadership:sessions": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 404 404 200 404 404"),
    "leadership:assignments": ("302 200 404 404 200 404 200 404 200", "302 200 404 404 404 404 200 404 404"),
}


def _patterns():
    found = {}

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern):
                found[f"{namespace}:{p.name}" if namespace else str(p.name)] = p

    walk(get_resolver().url_patterns, None)
    return found


@pytest.fixture
def world(tree, cast, settings, tmp_path):
    """One record of each kind, in DIST's subtree, for the URLs' arguments."""
    from dangbo.accounts.models import User
    from dangbo.accounts.services import create_user
    from dangbo.cadres import services as cadres
    from dangbo.cadres.tests.helpers import decide
    from dangbo.citizens.tests.helpers import petition, session
    from dangbo.interchange.models import ImportJob
    from dangbo.members.tests.helpers import opening, person, record
    from dangbo.mobilization.services import EntryData, record_entries
    from dangbo.news import services as news
    from dangbo.organizations.models import Reorganization
    from dangbo.organizations.tests.helpers import reorganize
    from dangbo.ratings.tests.helpers import rate
    from dangbo.reports.services import issue_report
    from dangbo.targets.tests.test_views import target
    from dangbo.training import services as training

    settings.MEDIA_ROOT = tmp_path / "media"
    cast.otto = create_user(username="otto", password=cast.password, role=User.Role.CITIZENS_OFFICE,
                            organization=tree.dist)
    cast.ines = create_user(username="ines", password=cast.password, role=User.Role.INSPECTION_STAFF,
                            organization=tree.dist)
    renamed = reorganize(kind=Reorganization.Kind.RENAME, organization=tree.comm1, effective_on=D(2024, 1, 1),
                         new_name="Đảng bộ xã An Bình Mới")
    m = person(code="M1", name="Nguyễn Văn Một")
    opening(m, tree.cell1a, date=D(2020, 1, 1))
    from dangbo.members import services as members
    from dangbo.news.tests.conftest import picture

    members.set_member_photo(member=m, upload=SimpleUploadedFile("p.jpg", picture()))
    event = record(member=m, kind="EXEMPTED", date=D(2023, 5, 1), reason="x",
                   attachments=[SimpleUploadedFile("qd.pdf", b"%PDF-1.4\n%%EOF\n")])
    decision, _warnings = decide(m, tree.dist, files=[SimpleUploadedFile("qd.pdf", b"%PDF-1.4\n%%EOF\n")])
    title = cadres.add_managed_title(committee=tree.dist, title="Chánh Văn phòng")
    plan = cadres.add_succession_plan(member=m, title="Bí thư", organization=tree.comm1, from_year=2025,
                                      to_year=2030)
    klass = training.create_class(organizer=tree.dist, code="L1", name="Lớp", program="NEW_MEMBER",
                                  start=D(2024, 3, 1))
    training.enroll(klass=klass, member=m)
    kt = target(tree.dist, code="KT01", planned="100")
    rating = rate(tree.comm1, year=2023).rating
    issued = issue_report(organization=tree.dist, year=2023, by=cast.alice, issued_on=D(2024, 1, 10))
    article = news.create_article(title="Tin thử", lead="", body_html="<p>x</p>", byline="PV")
    news.publish(article=article)

    photo = news.add_photo(article=article, data=picture(), caption="", alt_text="a",
                           after_paragraph=1)
    comment = news.submit_comment(article=article, name="Nguyễn Văn An", contact="", text="Bài viết rất hay.",
                                  ip="10.0.0.9")
    denunciation = petition(tree.comm1, code="TC1", kind="DENUNCIATION", received_on=D(2024, 5, 3),
                            content="Tố cáo cán bộ", sender="Phạm Thị Kín")
    reception = session(tree.dist, date=D(2024, 3, 15))
    entry = record_entries(items=[EntryData(code="DVK1", year=2024, name="Mô hình", type="MODEL",
                                            field="ECONOMY", organization=tree.comm1)])[0]
    ImportJob.objects.create(id=JOB, created_by=cast.alice, mode=ImportJob.Mode.CHECK, file_name="x.xlsx",
                             stored_file="", sha256="")
    from dangbo.development import services as development
    from dangbo.development.tests.helpers import candidate
    from dangbo.inspections.tests import helpers as inspections
    from dangbo.leadership import services as leadership

    item = inspections.plan("KT1", tree.dist, subject=tree.comm1)
    fix = inspections.remedy(item)
    reprimand = inspections.discipline(m, tree.dist).discipline
    hoa = candidate(tree.cell1a)
    [step] = development.record_checkpoints(items=[(hoa, "APPLICATION", D(2022, 4, 1), "")])
    term = leadership.record_terms(items=[leadership.NewTerm(organization=tree.dist, start=D(2020, 10, 1))])[0]
    [(document, _w)] = leadership.register_documents(items=[leadership.NewDocument(
        organization=tree.dist, kind="RESOLUTION", date=D(2023, 3, 1), subject="Về nhiệm vụ năm 2023")])
    [study] = leadership.record_study_sessions(items=[leadership.StudyData(
        code="S1", name="Chuyên đề 2023", kind="HO_CHI_MINH", organization=tree.comm1, date=D(2023, 5, 1),
        attendance=20, attendees=(m,))])
    [assignment] = leadership.assign_cadres(items=[leadership.NewAssignment(
        member=m, organization=tree.comm1, assigned_by=tree.dist, start=D(2021, 1, 1))])
    return {
        "code": {"default": "DIST", "members:register": "CELL1A", "members:detail": "M1",
                 "members:record_event": "M1", "members:event_form": "M1", "members:photo": "M1",
                 "members:upload_photo": "M1",
                 "members:seriously_ill": "M1"},
        "pk": {
            "organizations:void": renamed.pk, "members:void_event": event.pk, "members:attach_to_event": event.pk,
            "members:attachment": event.attachments.get().pk, "members:void_attachment": event.attachments.get().pk,
            "targets:detail": kt.pk, "targets:edit": kt.pk, "ratings:reopen": rating.pk,
            "cadres:decision": decision.pk, "cadres:void_decision": decision.pk, "cadres:attach": decision.pk,
            "cadres:download": decision.attachments.get().pk, "cadres:void_attachment": decision.attachments.get().pk,
            "cadres:end_title": title.pk, "cadres:take_out": plan.pk, "cadres:void_plan": plan.pk,
            "training:detail": klass.pk, "training:results": klass.pk, "training:attendance": klass.pk,
            "training:attendance_xlsx": klass.pk, "reports:issued_docx": issued.pk, "news:photo": photo.pk,
            "news:report": comment.pk, "news:edit": article.pk, "news:add_photo": article.pk,
            "news:publish": article.pk, "news:unpublish": article.pk, "news:moderate": comment.pk,
            "news:block": comment.pk, "news:follow_up": comment.pk, "news:preview": article.pk,
            "citizens:comment_to_petition": comment.pk, "citizens:reception": reception.pk,
            "citizens:reception_void": reception.pk,
            **{f"citizens:{name}": denunciation.pk for name in (
                "petition", "petition_edit", "petition_accept", "petition_close", "petition_extend",
                "petition_void", "petition_sender")},
            **{f"mobilization:{name}": entry.pk for name in ("detail", "edit", "void")},
            "inspections:remedy_done": fix.pk, "inspections:void_remedy": fix.pk,
            "inspections:describe_program": item.program_id,
            "inspections:discipline": reprimand.pk, "inspections:void_discipline": reprimand.pk,
            **{f"development:{name}": hoa.pk for name in (
                "candidate", "candidate_edit", "candidate_step", "checkpoint_void", "candidate_certificate",
                "candidate_admit", "candidate_stop")},
            "leadership:document": document.pk, "leadership:document_void": document.pk,
            "leadership:term_void": term.pk, "leadership:session": study.pk,
            "leadership:assignment_end": assignment.pk,
        },
        "key": {"core:panel": "due", "core:help_page": "members"},
        "item_code": item.code,
        "checkpoint": step.pk,
        "slug": article.slug,
    }


def _clients(cast) -> dict[str, Client]:
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if role != "anon":
            clients[role].force_login(getattr(cast, role))
    return clients


def test_every_url_has_a_line():
    missing = sorted(set(_patterns()) - set(MATRIX))
    gone = sorted(set(MATRIX) - set(_patterns()))
    assert missing == [], f"declare who may use these views in MATRIX: {missing}"
    assert gone == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_url_answers_every_role_as_declared(cast, tree, world, method):
    clients = _clients(cast)
    found = {}
    for name, pattern in _patterns().items():
        url = reverse(name, kwargs=_arguments(name, pattern, world)) + QUERIES.get(name, "")
        found[name] = " ".join(str(getattr(clients[role], method)(url).status_code) for role in ROLES)
        if name == "accounts:logout":
            clients = _clients(cast)  # that POST ended every session
    if os.environ.get("DANGBO_DUMP_MATRIX") == "1":
        for name, statuses in found.items():
            print(f'DUMP {method} "{name}": "{statuses}"')
    column = 0 if method == "get" else 1
    wrong = [f"{name}: declared {line[column]}, answered {found[name]}"
             for name, line in MATRIX.items() if name in found and found[name] != line[column]]
    assert wrong == []


def _arguments(name: str, pattern, world) -> dict:
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "code":
            kwargs[key] = world["code"].get(name, world["code"]["default"])
        elif key == "year":
            kwargs[key] = 2023
        elif key == "pk":
            kwargs[key] = world["pk"][name]
        elif key == "member_code":
            kwargs[key] = "M1"
        elif key == "org_code":
            kwargs[key] = "COMM1"
        elif key == "figure":
            kwargs[key] = "admissions"
        elif key == "slug":
            kwargs[key] = world["slug"]
        elif key == "key":
            kwargs[key] = world["key"][name]
        elif key in ("item_code", "checkpoint"):
            kwargs[key] = world[key]
        elif key == "job_id":
            kwargs[key] = JOB
        else:
            raise AssertionError(f"no sample value for <{key}> of {name}")
    return kwargs
