"""Backup and restore of the database and uploaded files, for SQLite and PostgreSQL.

An archive is a .tar.gz holding `manifest.json`, the database (`database.sqlite3` made with
SQLite's online backup API, or `database.pgdump` from `pg_dump --format=custom`) and `media/`.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that could not be completed; the message is Vietnamese."""


@dataclass(frozen=True)
class Manifest:
    engine: str
    created: str
    format: int
    media_files: int


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


def _pg_env() -> tuple[list[str], dict[str, str]]:
    params: dict[str, Any] = connection.get_connection_params()
    args = ["--host", str(params.get("host") or "127.0.0.1"), "--port", str(params.get("port") or 5432),
            "--username", str(params.get("user") or "postgres")]
    env = {"PGPASSWORD": str(params.get("password") or "")} if params.get("password") else {}
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    import os

    binary = shutil.which(command[0])
    if binary is None:
        raise BackupError(f"Không tìm thấy chương trình {command[0]} (cài gói postgresql-client).")
    result = subprocess.run([binary, *command[1:]], capture_output=True, text=True,  # noqa: S603
                            env={**os.environ, **env}, timeout=3600)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} thất bại: {result.stderr.strip()[:500]}")


def _private_file(target: Path) -> BinaryIO:
    """Open `target` for writing, readable by its owner only (0600): an archive holds password
    hashes and API tokens. Created so from the start, and an existing file is narrowed too."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def backup_create(target: Path) -> Manifest:
    """Write a consistent archive of the database and media to `target`."""
    engine = _engine()
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if engine == "sqlite":
            connection.ensure_connection()
            source = connection.connection
            database_file = workdir / "database.sqlite3"
            with sqlite3.connect(database_file) as dest:
                source.backup(dest)
            dest.close()
        elif engine == "postgresql":
            database_file = workdir / "database.pgdump"
            args, env = _pg_env()
            _run(["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(database_file),
                  connection.settings_dict["NAME"]], env)
        else:
            raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {engine}.")
        media = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
        manifest = Manifest(engine=engine, created=timezone.now().isoformat(),
                            format=FORMAT_VERSION, media_files=len(media))
        target.parent.mkdir(parents=True, exist_ok=True)
        with _private_file(target) as stream, tarfile.open(fileobj=stream, mode="w:gz") as archive:
            payload = json.dumps(manifest.__dict__, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
            archive.add(database_file, arcname=database_file.name)
            for path in media:
                archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
    return manifest


def backup_restore(source: Path) -> Manifest:
    """Replace the database and media with the archive's content (same engine only)."""
    if not source.exists():
        raise BackupError(f"Không tìm thấy tệp sao lưu {source}.")
    engine = _engine()
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(source, "r:gz") as archive:
        workdir = Path(tmp)
        archive.extractall(workdir, filter="data")
        manifest_path = workdir / "manifest.json"
        if not manifest_path.exists():
            raise BackupError("Tệp không phải bản sao lưu của hệ thống (thiếu manifest.json).")
        manifest = Manifest(**json.loads(manifest_path.read_text()))
        if manifest.engine != engine:
            raise BackupError(f"Bản sao lưu của {manifest.engine}, hệ thống đang dùng {engine}.")
        if engine == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(workdir / "database.sqlite3") as backup_db:
                backup_db.backup(connection.connection)
            backup_db.close()
        else:
            connection.close()
            args, env = _pg_env()
            _run(["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--single-transaction",
                  "--dbname", connection.settings_dict["NAME"], str(workdir / "database.pgdump")], env)
        media_dir = workdir / "media"
        if media_dir.exists():
            media_root = Path(settings.MEDIA_ROOT)
            media_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(media_dir, media_root, dirs_exist_ok=True)
    return manifest
