from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dangbo.demo.users import DEMO_PASSWORD, ensure_demo_users


class Command(BaseCommand):
    help = "Print the demo accounts (creating any that are missing)."

    def handle(self, *args, **options):
        self.stdout.write(_("Demo accounts (password for all: %(password)s):") % {"password": DEMO_PASSWORD})
        for username, role, org in ensure_demo_users():
            self.stdout.write(f"  {username:<18} {role:<28} {org}")
        self.stdout.write(_("Open http://127.0.0.1:8000 and log in."))
