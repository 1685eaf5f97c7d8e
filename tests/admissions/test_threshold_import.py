"""The yearly threshold import in the admin: preview, all or nothing, both column layouts."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from admissions.choices import Outcome, Scale
from admissions.importing import ThresholdResource
from admissions.models import AdmissionThreshold
from programs import history
from programs.choices import Level
from programs.models import Programme
from tests.builders import make_programme, make_study_option, make_threshold
from tests.pages import visible_text

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "samordna-poenggrenser-sample.csv"
IMPORT = "/admin/admissions/admissionthreshold/import/"
EXPORT = "/admin/admissions/admissionthreshold/export/"
CSV_FORMAT = "0"  # the first of AdmissionThresholdAdmin.formats
XLSX_FORMAT = "1"


def upload(client, content, name="poenggrenser.csv", language="en", file_format=CSV_FORMAT):
    """The dry run: POST the file to the import page; returns the response."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(
        IMPORT,
        {"import_file": SimpleUploadedFile(name, data), "format": file_format},
        HTTP_ACCEPT_LANGUAGE=language,
    )


EVERY_COLUMN = ("study_option", "admission_year", "round", "quota", "value", "scale")


def export(client, file_format=CSV_FORMAT, columns=EVERY_COLUMN, language="en"):
    """POST the export form for ``columns`` in ``file_format``; returns the response."""
    return client.post(
        EXPORT,
        {"format": file_format, "resource": "", "export_items": []}
        | {f"thresholdresource_{name}": "on" for name in columns},
        headers={"accept-language": language},
    )


def confirm(client, response, language="nb"):
    """The second step: POST the hidden fields of the confirm form."""
    form = response.context["confirm_form"]
    data = {name: form.initial[name] for name in form.fields if name in form.initial}
    return client.post(
        "/admin/admissions/admissionthreshold/process_import/",
        data,
        headers={"accept-language": language},
    )


def rows(response):
    return [(row["number"], row["kind"]) for row in response.context["preview"]]


@pytest.fixture
def options():
    programme = make_programme()
    return (
        make_study_option(programme, study_code="215 1210"),
        make_study_option(programme, study_code="215 1220", mode="part_time"),
    )


def test_the_threshold_list_filters_by_year_round_quota_and_programme(admin_client, options):
    make_threshold(options[0], admission_year=2024)
    make_threshold(make_study_option(make_programme()), admission_year=2025)
    response = admin_client.get("/admin/admissions/admissionthreshold/?admission_year=2024")
    assert response.status_code == 200
    html = response.content.decode()
    for parameter in ("admission_year=", "round__exact=", "quota__exact=", "programme__id__exact="):
        assert parameter in html
    assert "/admin/admissions/admissionthreshold/import/" in html
    assert EXPORT in html


def test_the_preview_lists_rows_to_create_change_and_leave_unchanged(admin_client, options):
    make_threshold(options[0], admission_year=2024, points=Decimal("2.70"))
    make_threshold(options[1], admission_year=2024, points=Decimal("2.92"))
    response = upload(
        admin_client,
        "study_code,admission_year,round,quota,value\n"
        '215 1210,2024,HOVED,ORD,"2,78"\n'
        "215 1220,2024,HOVED,ORD,2.92\n"
        "215 1210,2025,HOVED,ORD,ALLE\n",
    )
    assert rows(response) == [(1, "change"), (2, "unchanged"), (3, "create")]
    assert response.context["preview"][0]["before"] == Decimal("2.70")  # shown localised
    assert "confirm_form" in response.context
    assert AdmissionThreshold.objects.count() == 2  # a dry run saves nothing
    assert confirm(admin_client, response).status_code == 302
    assert AdmissionThreshold.objects.get(study_option=options[0], admission_year=2024).points == (
        Decimal("2.78")
    )
    created = AdmissionThreshold.objects.get(admission_year=2025)
    assert (created.outcome, created.points, created.scale) == (
        Outcome.ALL_QUALIFIED,
        None,
        Scale.GRADE_AVERAGE,
    )


def test_the_preview_shows_the_scale_each_row_is_saved_on_and_a_change_of_scale(
    admin_client, options
):
    """A row that changes the scale shows the value it replaces with that value's scale, so
    "45,0" over "4,50" reads as a change of scale; a row with an empty scale cell takes its
    option's, as one without the column does: the one the row above just gave it."""
    make_threshold(options[0], admission_year=2024, points=Decimal("4.50"))
    response = upload(
        admin_client,
        "study_code,admission_year,round,quota,value,scale\n"
        "215 1210,2024,HOVED,ORD,45.0,competition_points\n"
        "215 1210,2025,HOVED,ORD,4.6,\n"
        "215 1220,2025,HOVED,ORD,3.1,grade_average\n",
        language="nb",
    )
    preview = response.context["preview"]
    assert [(row["kind"], row["scale"], row["before"], row["before_scale"]) for row in preview] == [
        ("change", "Konkurransepoeng, 0–90", Decimal("4.50"), "Karaktersnitt, 1–5"),
        ("create", "Konkurransepoeng, 0–90", "", ""),
        ("create", "Karaktersnitt, 1–5", "", ""),
    ]
    table = visible_text(response)
    assert "4,50 (Karaktersnitt, 1–5)" in table
    assert "Konkurransepoeng, 0–90" in table


def test_one_bad_row_refuses_the_file_names_the_row_and_the_reason(admin_client, options):
    response = upload(
        admin_client,
        "study_code,admission_year,round,quota,value\n"
        "215 1210,2025,HOVED,ORD,2.81\n"
        "215 1220,2025,HOVED,ORD,7.5\n"
        "999 9999,2025,HOVED,ORD,2.5\n",
    )
    assert rows(response) == [(1, "create"), (2, "refuse"), (3, "refuse")]
    preview = response.context["preview"]
    assert preview[1]["reasons"] == ["value: Points on this scale lie between 1.00 and 5.00."]
    assert preview[2]["reasons"] == ["study code: No study option has the study code “999 9999”."]
    assert "confirm_form" not in response.context
    assert AdmissionThreshold.objects.count() == 0
    html = response.content.decode()
    assert "Some rows are refused, so nothing will be saved." in html


def test_the_reasons_are_in_the_editors_language(admin_client, options):
    response = upload(
        admin_client,
        "study_code,admission_year,round,quota,value\n215 1210,2025,HOVED,ORD,x\n",
        language="nb",
    )
    [row] = response.context["preview"]
    assert row["kind"] == "refuse"
    assert len(row["reasons"]) == 1 and "x" in row["reasons"][0]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("215 1210,20x5,HOVED,ORD,2.5", "admission year: “20x5” is not a year."),
        ("215 1210,2025,VÅR,ORD,2.5", "round: “VÅR” is not a round: use HOVED or SUPP."),
        ("215 1210,2025,HOVED,XYZ,2.5", "quota: “XYZ” is not a quota: use ORD or ORDF."),
        (
            "215 1210,1999,HOVED,ORD,2.5",
            "admission year: Ensure this value is greater than or equal to 2000.",
        ),
        (
            "215 1210,2025,HOVED,ORD,2.555",
            "value: Ensure that there are no more than 2 decimal places.",
        ),
        ("215 1210,2025,HOVED,ORD,", "value: Enter the points, or ALLE, TRU, Åpent or o.i."),
        (  # Python reads it as 100, a person as a typo
            "215 1210,2025,HOVED,ORD,1e2",
            "value: “1e2” is neither a number nor ALLE, TRU, Åpent or o.i.",
        ),
        (
            "215 1210,2025,HOVED,ORD,Infinity",
            "value: “Infinity” is neither a number nor ALLE, TRU, Åpent or o.i.",
        ),
    ],
)
def test_each_kind_of_mistake_is_refused_with_its_reason(admin_client, options, line, reason):
    response = upload(admin_client, f"study_code,admission_year,round,quota,value\n{line}\n")
    [row] = response.context["preview"]
    assert row["reasons"] == [reason]


def test_a_row_repeated_in_the_file_is_refused(admin_client, options):
    response = upload(
        admin_client,
        "study_code,admission_year,round,quota,value\n"
        "215 1210,2025,HOVED,ORD,2.5\n"
        "215 1210,2025,HOVED,ORD,2.6\n",
    )
    assert rows(response) == [(1, "create"), (2, "refuse")]
    assert response.context["preview"][1]["reasons"] == [
        "Row 1 has the same study code, year, round and quota."
    ]


def test_a_file_without_the_columns_says_which_are_missing(admin_client, options):
    response = upload(admin_client, "code;year\n215 1210;2025\n")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file has no columns study_code, admission_year, round, quota, value." in html
    assert AdmissionThreshold.objects.count() == 0
    one_missing = upload(
        admin_client,
        "study_code;admission_year;round;quota\n215 1210;2025;HOVED;ORD\n",
        language="nb",
    ).content.decode()
    assert "Filen mangler kolonnen value." in one_missing


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        ("study_code,study_code,admission_year,round,quota,value", "study_code / study_code"),
        (  # named as the file names them; the ignored "Lærested" may be there twice
            "Studiekode;År;Kvote;Opptaksrunde;År;Poenggrense;Poenggrense;Lærested;Lærested",
            "År / År; Poenggrense / Poenggrense",
        ),
        ("Studiekode;study_code;År;Kvote;Opptaksrunde;Poenggrense", "Studiekode / study_code"),
    ],
)
def test_a_file_with_a_column_twice_is_refused(admin_client, options, header, columns):
    """A row would read one of the two, and nothing would say which."""
    separator = "," if "," in header else ";"
    line = separator.join(["215 1210"] * (header.count(separator) + 1))
    response = upload(admin_client, f"{header}\n{line}\n", language="nb")
    assert response.status_code == 200
    message = (
        f"Filen har mer enn én kolonne for samme verdi: {columns}. Behold én av hver og "
        "importer den på nytt."
    )
    assert message in visible_text(response)
    assert AdmissionThreshold.objects.count() == 0


def test_a_tab_separated_file_imports(admin_client, options):
    """What Excel writes as "Text (tab delimited)"."""
    content = "study_code\tadmission_year\tround\tquota\tvalue\n215 1210\t2025\tHOVED\tORD\t2,81\n"
    assert rows(upload(admin_client, content)) == [(1, "create")]


def test_a_file_with_only_its_header_says_so_in_norwegian(admin_client, options):
    response = upload(admin_client, "study_code;admission_year;round;quota;value\n", language="nb")
    assert response.status_code == 200
    assert "Filen har ingen rader å importere." in visible_text(response)
    assert "No valid data" not in response.content.decode()


def test_the_import_says_what_it_did_in_norwegian(admin_client, options):
    make_threshold(options[0], admission_year=2024, points=Decimal("2.78"))
    response = upload(admin_client, SAMPLE.read_bytes(), name=SAMPLE.name, language="nb")
    done = confirm(admin_client, response)
    page = visible_text(admin_client.get(done["Location"], headers={"accept-language": "nb"}))
    assert "Importen er fullført. Nye: 2. Endret: 0. Uendret: 1." in page
    assert "skipped" not in page


@pytest.mark.parametrize("language", ["nb", "en"])
def test_confirming_a_file_no_longer_waiting_says_so_and_imports_nothing_twice(
    admin_client, options, language
):
    """Confirmed a second time (the browser's back button, a double click), the file is gone
    from the cache: the editor is told to upload it again, not shown a server error."""
    response = upload(admin_client, SAMPLE.read_bytes(), name=SAMPLE.name, language=language)
    assert confirm(admin_client, response).status_code == 302
    imported = AdmissionThreshold.objects.count()
    again = confirm(admin_client, response, language)
    assert again.status_code == 302 and again["Location"] == IMPORT
    page = visible_text(admin_client.get(IMPORT, headers={"accept-language": language}))
    told = {"nb": "Denne filen venter ikke lenger på import", "en": "This file is no longer"}
    assert told[language] in page
    assert AdmissionThreshold.objects.count() == imported


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("meanwhile", ["added", "changed"])
def test_a_threshold_saved_between_preview_and_confirm_is_not_overwritten(
    admin_client, options, language, meanwhile
):
    """Another editor adds the threshold a row would create, or changes one the preview showed
    as it was: the confirm saves nothing, says why, and theirs stays."""
    make_threshold(options[1], admission_year=2024, points=Decimal("2.92"))
    response = upload(
        admin_client,
        "study_code,admission_year,round,quota,value\n"
        "215 1210,2024,HOVED,ORD,2.78\n"
        "215 1220,2024,HOVED,ORD,2.92\n",
    )
    assert rows(response) == [(1, "create"), (2, "unchanged")]
    if meanwhile == "added":
        make_threshold(options[0], admission_year=2024, points=Decimal("3.10"))
    else:
        AdmissionThreshold.objects.filter(study_option=options[1]).update(points=Decimal("3.30"))
    before = sorted(AdmissionThreshold.objects.values_list("study_option", "points"))
    done = confirm(admin_client, response, language)
    assert done.status_code == 302 and done["Location"] == IMPORT
    assert sorted(AdmissionThreshold.objects.values_list("study_option", "points")) == before
    page = visible_text(admin_client.get(IMPORT, headers={"accept-language": language}))
    told = {
        "nb": "Ingenting ble importert: poenggrenser i denne filen",
        "en": "Nothing was imported",
    }
    assert told[language] in page


@pytest.mark.parametrize("query", ["foo=1", "admission_year=abc", "utm_source=x"])
def test_an_export_address_with_a_filter_the_list_does_not_know_is_a_message(admin_client, query):
    response = admin_client.get(f"/admin/admissions/admissionthreshold/export/?{query}")
    assert (response.status_code, response["Location"]) == (
        302,
        "/admin/admissions/admissionthreshold/",
    )
    message = "Eksporten kunne ikke bruke filtrene i adressen. Velg dem i listen, og eksporter så."
    assert message in visible_text(admin_client.get(response["Location"]))


def test_the_export_names_its_columns_and_file_in_the_editors_language(admin_client, options):
    make_threshold(options[0], admission_year=2024, points=Decimal("2.78"))
    page = visible_text(admin_client.get(EXPORT, headers={"accept-language": "nb"}))
    assert "Studiekode (study_code)" in page and "Opptaksår (admission_year)" in page
    assert "Study Option" not in page
    response = export(admin_client, columns=("study_option", "value"), language="nb")
    assert re.search(
        r'filename="poenggrenser-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
    )


def test_the_samordna_sample_imports(admin_client, options):
    make_threshold(options[0], admission_year=2024, points=Decimal("2.78"))
    response = upload(admin_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    assert rows(response) == [(1, "create"), (2, "create"), (3, "unchanged")]
    assert confirm(admin_client, response).status_code == 302
    full_time = AdmissionThreshold.objects.get(study_option=options[0], admission_year=2025)
    assert (full_time.points, full_time.scale) == (Decimal("2.81"), Scale.GRADE_AVERAGE)
    part_time = AdmissionThreshold.objects.get(study_option=options[1], admission_year=2025)
    assert part_time.outcome == Outcome.ALL_QUALIFIED
    # No threshold before: further education ranks by the bachelor's grade average.
    assert part_time.scale == Scale.GRADE_AVERAGE


@pytest.mark.parametrize(
    ("level", "scale"),
    [
        (Level.BACHELOR, Scale.COMPETITION_POINTS),  # Samordna's scale
        (Level.MASTER, Scale.GRADE_AVERAGE),  # it admits on a bachelor's degree
        (Level.FURTHER_EDUCATION, Scale.GRADE_AVERAGE),
    ],
)
def test_a_first_threshold_from_samordna_is_on_the_scale_of_the_programmes_level(
    admin_client, options, level, scale
):
    Programme.objects.filter(pk=options[0].programme_id).update(level=level)
    response = upload(admin_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    assert confirm(admin_client, response).status_code == 302
    assert AdmissionThreshold.objects.get(study_option=options[1]).scale == scale


def test_a_csv_saved_by_excel_in_windows_1252_imports(admin_client, options):
    content = SAMPLE.read_text(encoding="utf-8-sig").encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")  # "År" in the header
    response = upload(admin_client, content, name=SAMPLE.name)
    assert rows(response) == [(1, "create"), (2, "create"), (3, "create")]
    assert confirm(admin_client, response).status_code == 302
    assert AdmissionThreshold.objects.count() == 3


@pytest.mark.parametrize(
    ("content", "file_format"),
    [
        (b"not a zip", "1"),  # "XLSX", but text
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe",
            CSV_FORMAT,
        ),  # "CSV", a spreadsheet
        (b"\xff\xfeS\x00\x00\xd8", CSV_FORMAT),  # "CSV", UTF-16 that is not
    ],
)
def test_a_file_that_is_not_what_its_format_says_is_a_message_in_norwegian(
    admin_client, options, content, file_format
):
    response = admin_client.post(
        IMPORT,
        {"import_file": SimpleUploadedFile("poenggrenser", content), "format": file_format},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Filen kunne ikke leses." in text
    assert "encountered" not in text
    assert AdmissionThreshold.objects.count() == 0


@pytest.mark.parametrize(
    "encoding_and_newline", [("utf-16", "\r\n"), ("utf-8", "\r"), ("utf-8-sig", "\r\n")]
)
def test_excel_unicode_text_and_old_mac_line_endings_import(
    admin_client, options, encoding_and_newline
):
    """Excel's "Unicode text" is UTF-16 with tabs; a Mac before OS X ended lines with CR."""
    encoding, newline = encoding_and_newline
    lines = ["Studiekode\tÅr\tKvote\tOpptaksrunde\tPoenggrense", "2151210\t2025\tORD\tHOVED\t2,78"]
    response = upload(admin_client, newline.join(lines).encode(encoding))
    assert rows(response) == [(1, "create")]


def test_a_comma_separated_row_with_a_decimal_comma_is_refused_not_cut(admin_client, options):
    """ "2,78" between commas is two cells: the row used to import 2.00 without a word."""
    content = "study_code,admission_year,round,quota,value\n215 1210,2019,HOVED,ORD,2,78\n"
    for language, message in [
        ("en", "Row 1 has more cells than the first line has columns. A number with a decimal"),
        ("nb", "Rad 1 har flere celler enn den første linjen har kolonner."),
    ]:
        response = upload(admin_client, content, language=language)
        assert response.status_code == 200
        assert message in visible_text(response)
    assert AdmissionThreshold.objects.count() == 0


def test_a_row_with_empty_cells_past_the_columns_imports(admin_client, options):
    """What a spreadsheet saves when a cell to the right was once used: empty cells."""
    content = "study_code;admission_year;round;quota;value\n215 1210;2025;HOVED;ORD;2,78;;\n"
    assert rows(upload(admin_client, content)) == [(1, "create")]


def never_import_a_row(monkeypatch):
    """import-export records an error raised before the rows and imports them all anyway:
    a file over the limit ran into the worker's timeout before it was refused."""

    def import_row(*args, **kwargs):
        raise AssertionError("a row was imported")

    monkeypatch.setattr(ThresholdResource, "import_row", import_row)


def test_a_file_of_too_many_rows_is_refused_before_any_is_read(admin_client, options, monkeypatch):
    monkeypatch.setattr("admissions.importing.MAX_ROWS", 3)
    never_import_a_row(monkeypatch)
    lines = ["study_code;admission_year;round;quota;value"]
    lines += [f"215 1210;{year};HOVED;ORD;2,78" for year in range(2020, 2025)]
    response = upload(admin_client, "\n".join(lines), language="nb")
    message = "Filen har 5 rader, og høyst 3 kan importeres på én gang."
    assert message in visible_text(response)
    assert AdmissionThreshold.objects.count() == 0


def test_a_spreadsheet_of_too_many_rows_is_refused_before_any_is_read(
    admin_client, options, monkeypatch
):
    monkeypatch.setattr("admissions.importing.MAX_ROWS", 3)
    never_import_a_row(monkeypatch)
    year_rows = [["215 1210", year, "HOVED", "ORD", 2.78] for year in range(2020, 2025)]
    response = upload_xlsx(admin_client, *year_rows, language="nb")
    assert "Filen har 5 rader, og høyst 3 kan importeres på én gang." in visible_text(response)


def test_each_study_code_is_looked_up_once_an_import(admin_client, options):
    """Each row's code was read twice, once for the row it may change and once to fill it
    in, with a query each time: 5,000 rows ran past the worker's timeout."""
    lines = ["study_code;admission_year;round;quota;value"]
    lines += [f"215 1210;{year};HOVED;ORD;2,78" for year in range(2015, 2026)]
    with CaptureQueriesContext(connection) as queries:
        response = upload(admin_client, "\n".join(lines))
    assert [kind for _number, kind in rows(response)] == ["create"] * 11
    lookups = [q for q in queries if '"admissions_studyoption"."study_code" =' in q["sql"]]
    assert len(lookups) == 1


def test_the_empty_rows_of_a_spreadsheet_are_not_rows_to_import(admin_client, options):
    """A stray cell far down a small file made every row above it one to import: 200,000
    empty rows, each refused, in a request that ran out of time."""
    response = upload_xlsx(
        admin_client,
        ["215 1210", 2024, "HOVED", "ORD", 2.78],
        *([None] * 5),
        ["215 1210", 2025, "HOVED", "ORD", 2.81],
        stray_row=60_000,
    )
    assert rows(response) == [(1, "create"), (2, "create"), (3, "refuse")]
    assert response.context["preview"][2]["reasons"][0].startswith("study code: Enter")


@pytest.mark.parametrize("code", ["2151\x0099", "215 1210\x00", "\x01215 1210"])
def test_a_study_code_with_a_control_character_is_refused_with_a_message(
    admin_client, options, code
):
    """PostgreSQL refused the lookup itself, and the preview showed psycopg's English error."""
    response = upload(
        admin_client,
        f"study_code;admission_year;round;quota;value\n{code};2025;HOVED;ORD;2,5\n",
        language="nb",
    )
    [row] = response.context["preview"]
    shown = code.replace("\x00", "").replace("\x01", "")
    assert row["reasons"] == [
        f"studiekode: Studiekoden «{shown}» har et tegn som ikke kan vises: skriv den inn på nytt."
    ]


def test_a_year_in_other_digits_than_0_to_9_is_not_a_year(admin_client, options):
    """ "²⁰²⁵" passed ``isdigit()``, and ``int()`` refused it in Python's English."""
    response = upload(
        admin_client, "study_code,admission_year,round,quota,value\n215 1210,²⁰²⁵,HOVED,ORD,2.5\n"
    )
    [row] = response.context["preview"]
    assert row["reasons"] == ["admission year: “²⁰²⁵” is not a year."]


def test_a_confirm_in_another_format_than_its_preview_is_a_message(admin_client, options):
    response = upload(admin_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    form = response.context["confirm_form"]
    data = {name: form.initial[name] for name in form.fields if name in form.initial}
    done = admin_client.post(
        "/admin/admissions/admissionthreshold/process_import/",
        {**data, "format": XLSX_FORMAT},
        headers={"accept-language": "nb"},
        follow=True,
    )
    assert "Filen kunne ikke leses." in visible_text(done)
    assert AdmissionThreshold.objects.count() == 0


def test_a_confirm_naming_a_resource_the_admin_does_not_have_imports_with_its_own(
    admin_client, options
):
    response = upload(admin_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    form = response.context["confirm_form"]
    data = {name: form.initial[name] for name in form.fields if name in form.initial}
    done = admin_client.post(
        "/admin/admissions/admissionthreshold/process_import/", {**data, "resource": "99"}
    )
    assert done.status_code == 302
    assert AdmissionThreshold.objects.exists()


@pytest.mark.parametrize("chosen", ["99", "abc", "-1", ""])
def test_a_confirm_with_a_format_the_preview_never_sent_is_a_message(admin_client, options, chosen):
    response = upload(admin_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    form = response.context["confirm_form"]
    data = {name: form.initial[name] for name in form.fields if name in form.initial}
    data["format"] = chosen
    done = admin_client.post("/admin/admissions/admissionthreshold/process_import/", data)
    assert (done.status_code, done["Location"]) == (302, IMPORT)
    assert AdmissionThreshold.objects.count() == 0


def test_a_confirmed_import_is_in_the_programmes_history(admin_client, admin_user, options):
    response = upload(admin_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    assert confirm(admin_client, response).status_code == 302
    [version] = Version.objects.get_for_object(options[0].programme)
    assert version.revision.user == admin_user
    assert history.comment_text(version.revision.comment) == "Importerte poenggrenser fra en fil."
    recorded = version.revision.version_set.get_for_model(AdmissionThreshold)
    assert 2025 in {v.field_dict["admission_year"] for v in recorded}


def test_samordna_study_codes_without_the_space_are_found(admin_client, options):
    content = "Studiekode;Kvote;Opptaksrunde;År;Poenggrense\n2151210;ORD;HOVED;2025;TRU\n"
    response = upload(admin_client, content)
    assert rows(response) == [(1, "create")]


def test_the_export_has_the_shape_the_import_reads(admin_client, options):
    make_threshold(options[0], admission_year=2024, points=Decimal("2.78"))
    make_threshold(options[1], admission_year=2024, outcome=Outcome.NOT_GIVEN, points=None)
    response = export(admin_client)
    assert response.status_code == 200
    exported = response.content.decode("utf-8")
    assert exported.startswith("\ufeffstudy_code;admission_year;round;quota;value;scale")
    assert "215 1210;2024;HOVED;ORD;2,78;grade_average" in exported  # as Norwegian Excel reads
    assert "215 1220;2024;HOVED;ORD;o.i.;grade_average" in exported
    AdmissionThreshold.objects.all().delete()
    reimport = upload(admin_client, exported.encode("utf-8"))
    assert rows(reimport) == [(1, "create"), (2, "create")]


def upload_xlsx(client, *rows, language="en", stray_row=None):
    """Uploads a spreadsheet of our columns and ``rows`` (none: an empty sheet, no header;
    None: an empty row), with a space typed in column A of row ``stray_row``, if given."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for number, row in enumerate(
        [["study_code", "admission_year", "round", "quota", "value"], *rows] if rows else [],
        start=1,
    ):
        for column, value in enumerate(row or [], start=1):
            book.active.cell(row=number, column=column, value=value)
    if stray_row:
        book.active.cell(row=stray_row, column=1, value=" ")
    buffer = io.BytesIO()
    book.save(buffer)
    return client.post(
        IMPORT,
        {"import_file": SimpleUploadedFile("g.xlsx", buffer.getvalue()), "format": "1"},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_an_xlsx_file_imports(admin_client, options):
    response = upload_xlsx(admin_client, ["215 1210", 2025, "HOVED", "ORD", 2.81])
    assert rows(response) == [(1, "create")]


@pytest.mark.parametrize(("language", "shown"), [("nb", "2,81"), ("en", "2.81")])
def test_a_spreadsheets_number_is_previewed_as_the_admins_language_writes_it(
    admin_client, options, language, shown
):
    """A CSV typed in Norwegian showed "2,81", a spreadsheet's number "2.81" beside it."""
    response = upload_xlsx(
        admin_client, ["215 1210", 2025, "HOVED", "ORD", 2.81], language=language
    )
    [row] = response.context["preview"]
    assert row["cells"] == ["215 1210", "2025", "HOVED", "ORD", shown]


def test_an_empty_spreadsheet_says_it_has_nothing_to_import(admin_client, options):
    response = upload_xlsx(admin_client, language="nb")
    assert response.status_code == 200
    assert "Filen har ingen rader å importere." in visible_text(response)


def test_the_preview_shows_spreadsheet_cells_as_the_reasons_quote_them(admin_client, options):
    """A formula without a stored result reads as an empty cell, not "None"; a date in the
    year column as the reason quotes it, not as a formatted date beside a raw one."""
    from datetime import datetime

    response = upload_xlsx(admin_client, ["215 1210", datetime(2026, 1, 1), "HOVED", "ORD", None])
    [row] = response.context["preview"]
    assert row["cells"] == ["215 1210", "2026-01-01 00:00:00", "HOVED", "ORD", ""]
    assert "admission year: “2026-01-01 00:00:00” is not a year." in row["reasons"]
    assert "None" not in visible_text(response)


@pytest.mark.parametrize("page", ["import/", "export/"])
def test_the_import_and_export_pages_open_without_style_attributes(admin_client, page):
    response = admin_client.get(f"/admin/admissions/admissionthreshold/{page}")
    assert response.status_code == 200
    assert "style=" not in response.content.decode()  # CSP: style-src 'self'


def test_the_spreadsheet_export_has_points_as_numbers(admin_client, options):
    import io

    import openpyxl

    make_threshold(options[0], admission_year=2024, points=Decimal("4.05"))
    make_threshold(options[1], admission_year=2024, outcome=Outcome.ALL_QUALIFIED, points=None)
    response = export(admin_client, XLSX_FORMAT, columns=("study_option", "value"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values == {"215 1210": 4.05, "215 1220": "ALLE"}


def test_the_spreadsheet_export_imports_again(admin_client, options):
    make_threshold(options[0], admission_year=2024, points=Decimal("4.05"))
    make_threshold(options[1], admission_year=2024, outcome=Outcome.WITHDRAWN, points=None)
    response = export(admin_client, XLSX_FORMAT)
    AdmissionThreshold.objects.all().delete()
    reimport = upload(
        admin_client, response.content, name="poenggrenser.xlsx", file_format=XLSX_FORMAT
    )
    assert rows(reimport) == [(1, "create"), (2, "create")]
    assert confirm(admin_client, reimport).status_code == 302
    assert sorted(AdmissionThreshold.objects.values_list("outcome", "points")) == sorted(
        [(Outcome.POINTS, Decimal("4.05")), (Outcome.WITHDRAWN, None)]
    )


@pytest.mark.parametrize(
    ("language", "message"),
    [("nb", "Kryss av for minst én kolonne å eksportere."), ("en", "Tick at least one column")],
)
def test_an_export_without_columns_says_so_in_the_editors_language(
    admin_client, options, language, message
):
    response = export(admin_client, columns=(), language=language)
    assert response.status_code == 200
    assert message in visible_text(response)
    assert "ThresholdResource" not in response.content.decode()


def test_a_line_csv_cannot_read_is_named(admin_client, options):
    """A cell over the csv module's limit (128 KB) was "could not be read" and no more."""
    cell = "x" * 200_000
    content = f"study_code;admission_year;round;quota;value\n215 1210;2025;HOVED;ORD;{cell}\n"
    response = upload(admin_client, content, language="nb")
    assert "Linje 2 i filen kunne ikke leses" in visible_text(response)
    assert AdmissionThreshold.objects.count() == 0
