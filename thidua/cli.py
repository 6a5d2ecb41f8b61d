"""The `thidua` command: the product's commands for use outside the browser.

`thidua demo`, `thidua import-people FILE`, `thidua eligibility --campaign CODE` … are Django
management commands of the thidua apps; hyphens in names are accepted for underscores.
"""

from __future__ import annotations

import os
import sys

INTRO = """thidua: hệ thống quản lý phong trào thi đua cải cách hành chính.

Cách dùng: thidua <lệnh> [tuỳ chọn]      (thidua <lệnh> --help để xem chi tiết)

Các lệnh:"""


def _project_commands() -> dict[str, str]:
    from django.core.management import get_commands, load_command_class

    commands = {}
    for name, app in sorted(get_commands().items()):
        if app.startswith("thidua."):
            command = load_command_class(app, name)
            commands[name] = (command.help or "").strip().splitlines()[0] if command.help else ""
    return commands


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if not args or args[0] in {"-h", "--help", "help"}:
        print(INTRO)
        for name, summary in _project_commands().items():
            print(f"  {name.replace('_', '-'):<22} {summary}")
        print("\nLệnh quản trị Django (migrate, createsuperuser, …) cũng dùng được: thidua migrate")
        return
    args[0] = args[0].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["thidua", *args])


if __name__ == "__main__":
    main()
