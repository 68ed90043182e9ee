"""The demo's accounts: one per role, so a visitor can try each view of the app."""

from dangbo.accounts.models import User
from dangbo.accounts.services import create_user
from dangbo.organizations.models import Organization

DEMO_PASSWORD = "dangbo-demo"  # noqa: S105 - a public demo password, printed by `make run`

Role = User.Role
DEMO_USERS = [
    ("admin", Role.ADMINISTRATOR, None, "Quản trị hệ thống"),
    ("haiphong.tochuc", Role.COMMITTEE_STAFF, "HAIPHONG", "Nguyễn Thị Hồng Nhung"),
    ("thanhha.tochuc", Role.COMMITTEE_STAFF, "THANHHA", "Phạm Văn Hùng"),
    ("thanhha.kiemtra", Role.INSPECTION_STAFF, "THANHHA", "Lê Thị Thu Hà"),
    ("thanhha.xem", Role.VIEWER, "THANHHA", "Vũ Đức Thắng"),
    ("bithu.thanhhong", Role.CELL_SECRETARY, "TH_THANHHONG_01", "Trần Văn Bình"),
    ("bientap", Role.EDITOR, None, "Đỗ Minh Trang"),
    # The citizens office: reception, petitions (the only ones who see denouncers), Dân vận khéo.
    ("thanhha.tiepdan", Role.CITIZENS_OFFICE, "THANHHA", "Nguyễn Thị Thanh Tâm"),
    ("xathanhha.tiepdan", Role.CITIZENS_OFFICE, "HP_XA_THANHHA", "Bùi Văn Tuấn"),
]


def ensure_demo_users() -> list[tuple[str, str, str]]:
    """Create the demo accounts that do not exist yet; (username, role, organization)."""
    rows = []
    for username, role, org_code, full_name in DEMO_USERS:
        org = Organization.objects.filter(code=org_code).first() if org_code else None
        if not User.objects.filter(username=username).exists():
            user = create_user(username=username, password=DEMO_PASSWORD, role=role,
                               organization=org, full_name=full_name)
            if role == Role.ADMINISTRATOR:
                user.is_staff = user.is_superuser = True
                user.save()
        rows.append((username, Role(role).label, org_code or "—"))
    return rows
