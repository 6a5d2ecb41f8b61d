"""thidua signing-demo-keys: a test CA and a PKCS#12 key for every signer, for the demo only.

Writes under var/ (never committed): the CA's key and certificate in var/signing/ca/, the root
certificate into the trust-root folder (SIGNING_TRUST_ROOTS), one <username>.p12 per user holding
the signer role (or named with --user) into SIGNING_KEY_DIR. Every file is 0600. Idempotent:
existing keys and the CA are kept. Refused when PRODUCTION is on.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.signing import pki


class Command(BaseCommand):
    help = ("Tạo CA thử nghiệm và khóa ký số (.p12) cho những người ký của bản demo (không dùng "
            "cho hệ thống thật).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", action="append", default=[],
                            help="tên đăng nhập cần khóa (mặc định: mọi người có vai trò ký)")
        parser.add_argument("--ca-dir", default=str(Path(settings.DATA_DIR) / "signing" / "ca"),
                            help="thư mục lưu khóa và chứng thư của CA thử nghiệm")

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Không tạo khóa thử nghiệm trên hệ thống thật (PRODUCTION đang bật).")
        ca_dir = Path(options["ca_dir"])
        ca = pki.load_ca(ca_dir)
        if ca is None:
            ca = pki.make_ca()
            pki.save_ca(ca, ca_dir)
            self.stdout.write(f"Đã tạo CA thử nghiệm trong {ca_dir}.")
        trust = Path(settings.SIGNING_TRUST_ROOTS)
        trust.mkdir(parents=True, exist_ok=True)
        root = trust / "ca-thu-nghiem-thidua.pem"
        if not root.exists() or root.read_bytes() != ca.pem:
            shutil.copyfile(ca_dir / pki.ROOT_CERT, root)
            self.stdout.write(f"Đã thêm chứng thư gốc thử nghiệm vào {trust}.")
        if options["user"]:
            users = list(User.objects.filter(username__in=options["user"]))
            unknown = set(options["user"]) - {u.username for u in users}
            if unknown:
                raise CommandError("Không có tài khoản: " + ", ".join(sorted(unknown)) + ".")
        else:
            users = list(User.objects.filter(pk__in=RoleAssignment.objects.filter(
                role=Role.SIGNER).values("user")).order_by("username"))
        units = {a.user_id: a.unit.name for a in RoleAssignment.objects.filter(
            role=Role.SIGNER, user__in=users).select_related("unit") if a.unit}
        keys = Path(settings.SIGNING_KEY_DIR)
        passphrase = settings.SIGNING_KEY_PASSPHRASE.encode() or None
        made = 0
        for user in users:
            path = keys / f"{user.username}.p12"
            if path.exists():
                continue
            pki.save_signer(ca, path, user.get_full_name() or user.username,
                            organisation=units.get(user.pk, ""), passphrase=passphrase)
            made += 1
            self.stdout.write(f"Đã tạo khóa ký số thử nghiệm cho {user.username}: {path}")
        self.stdout.write(f"Khóa ký số thử nghiệm: {made} khóa mới, {len(users) - made} khóa đã có.")
