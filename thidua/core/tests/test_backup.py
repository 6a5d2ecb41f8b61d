"""Backup and restore round trip through the CLI, on whichever engine the suite runs."""

import io
import tarfile

import pytest
from django.core.management import CommandError, call_command

from thidua.org.models import Person, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def test_round_trip_restores_data_and_files(world, tmp_path, settings):
    attachment = tmp_path / "media" / "ho-so" / "to-trinh.pdf"
    attachment.parent.mkdir(parents=True)
    attachment.write_bytes(b"%PDF-1.4 to trinh")
    archive = tmp_path / "sao-luu.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "1 tệp đính kèm" in out.getvalue()

    Person.objects.filter(code="CB-X1").update(full_name="Đã sửa sau sao lưu")
    Person.objects.create(code="CB-MOI", full_name="Người thêm sau sao lưu", gender="F")
    Unit.objects.filter(code="P2-Y1").update(name="Đã sửa sau sao lưu")
    attachment.unlink()

    call_command("restore", str(archive), yes=True, stdout=io.StringIO())
    assert Person.objects.get(code="CB-X1").full_name == "Nguyễn Thị Lan"
    assert not Person.objects.filter(code="CB-MOI").exists()
    assert Unit.objects.get(code="P2-Y1").name == "Xã Đắk Búk So"
    assert attachment.read_bytes() == b"%PDF-1.4 to trinh"


def test_restore_needs_confirmation(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "x.tar.gz"))


def test_restore_refuses_a_foreign_file(tmp_path):
    import tarfile

    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz"):
        pass
    with pytest.raises(CommandError, match="manifest.json"):
        call_command("restore", str(bogus), yes=True)


def test_the_archive_is_readable_by_its_owner_only(world, tmp_path):
    """It holds password hashes and API tokens: 0600 whatever the umask, and an older,
    world-readable file of the same name is narrowed too."""
    import os
    import stat

    fresh, older = tmp_path / "moi.tar.gz", tmp_path / "cu.tar.gz"
    older.write_bytes(b"")
    older.chmod(0o644)
    previous = os.umask(0o022)
    try:
        for archive in (fresh, older):
            call_command("backup", str(archive), stdout=io.StringIO())
            assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    finally:
        os.umask(previous)
    assert tarfile.open(fresh).getnames()[0] == "manifest.json"
