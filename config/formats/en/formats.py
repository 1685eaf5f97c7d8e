"""British English date formats: the site writes "1 March 2027", not Django's "March 1, 2027"."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
MONTH_DAY_FORMAT = "j F"
