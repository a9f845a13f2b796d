from wagtail.models import Page


class BarePage(Page):
    """A title and nothing else."""
