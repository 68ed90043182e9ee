"""The error a service raises when a domain rule refuses a change."""


class DomainError(Exception):
    """A change refused by a domain rule. `message` is translated, for a person to read.

    `field` names the form field or workbook column concerned, when there is one.
    """

    def __init__(
        self, message: str, *, field: str | None = None, code: str | None = None, obj=None
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.obj = obj  # the record concerned, so an import can name its row

    def __str__(self) -> str:
        return str(self.message)
