"""thidua import-units FILE --user U: create or update units from the Excel template."""

from thidua.core.commands import ImportCommand
from thidua.org.services import units_import


class Command(ImportCommand):
    help = "Nhập danh sách đơn vị từ Excel/CSV (một dòng sai thì không nhập dòng nào)."
    action = staticmethod(units_import)
