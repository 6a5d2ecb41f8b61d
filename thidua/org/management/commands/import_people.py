"""thidua import-people FILE --user U: create or update people from the Excel template."""

from thidua.core.commands import ImportCommand
from thidua.org.services import people_import


class Command(ImportCommand):
    help = "Nhập danh sách cán bộ, công chức từ Excel/CSV (một dòng sai thì không nhập dòng nào)."
    action = staticmethod(people_import)
