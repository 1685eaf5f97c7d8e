"""What apps built on programmes add to them, registered in their ``AppConfig.ready()``.

Programmes know nothing of those apps: the dependency goes one way. The admissions app, for
example, adds its admin inlines to the programme admin, its rows to ``for_detail_page()``, its
filter to the programme list and its facts to the structured data.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms


class ProgrammeListForm(forms.Form):
    """The query string of the programme list; without a registered filter it has no fields."""

    def filter(self, programmes):
        """``programmes`` narrowed by the valid ``cleaned_data`` (no query of its own)."""
        return programmes


@dataclass
class ProgrammeExtensions:
    # for_detail_page(): extra select_related / prefetch_related lookups.
    detail_select_related: list[str] = field(default_factory=list)
    detail_prefetch_related: list[str] = field(default_factory=list)
    # Programme.replaced_programmes: what a successor's page shows of the programmes it
    # replaces, as prefetch_related lookups.
    replaced_prefetch_related: list[str] = field(default_factory=list)
    # ProgrammeAdmin: inlines shown after the sections; functions(queryset, search term) →
    # more programmes its search finds (a queryset), or None.
    admin_inlines: list[type] = field(default_factory=list)
    admin_searches: list[Callable[..., Any]] = field(default_factory=list)
    # Embed kind → function(programme) telling whether the block has facts to show; it must
    # read rows for_detail_page() prefetched only.
    block_has_facts: dict[str, Callable[..., bool]] = field(default_factory=dict)
    # Functions(programme) → the address of a page showing a retired programme whose own
    # address leads elsewhere, or None: where the admin's “Save and preview” goes.
    preview_pages: list[Callable[..., str | None]] = field(default_factory=list)
    # The form of the programme list's query string: a ProgrammeListForm subclass.
    list_form: type[ProgrammeListForm] = ProgrammeListForm
    # Functions(programme) → a Q of the programmes related to it, or None (admissions: those
    # that accept a bachelor field it accepts), offered first on the page of a programme gone.
    related_programmes: list[Callable[..., Any]] = field(default_factory=list)
    # Functions(programme, graph, today) → graph, each adding facts to the schema.org data.
    structured_data: list[Callable[..., dict | list]] = field(default_factory=list)
    # Functions(programmes) → [({language: path}, last modified)] of more indexable pages of
    # those programmes for sitemap.xml (admissions: each option's current plan), 1 query each;
    # ``programmes`` are the sitemap's rows, by pk (slugs and ``languages()``).
    sitemap_pages: list[Callable[..., list]] = field(default_factory=list)


extensions = ProgrammeExtensions()
