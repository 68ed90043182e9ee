"""Text fields that store Vietnamese the one right way.

Every value is passed through `dangbo.lib.vntext.normalize` (NFC, the confusable Đ,
zero-width characters) when it is saved, whatever path it comes by: a form, a service,
an import, a bulk create. The text is otherwise kept as typed.
"""

from django.db import models

from dangbo.lib.vntext import normalize


class _Normalized:
    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = normalize(value)
            setattr(model_instance, self.attname, value)
        return value


class CharField(_Normalized, models.CharField):
    pass


class TextField(_Normalized, models.TextField):
    pass
