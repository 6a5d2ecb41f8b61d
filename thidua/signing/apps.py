"""signing app: PAdES signatures on the papers the product writes, checks of uploaded PDFs."""

from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "thidua.signing"
    label = "signing"
    verbose_name = "Ký số"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.signing import models

        register(models.SignedPaper, models.PaperVerification, models.BodyAppearance,
                 models.SignerProfile)
        from thidua.awards.registry import register_upload_check
        from thidua.signing.services import dossier_upload_check

        register_upload_check(dossier_upload_check)  # every PDF uploaded into a dossier
