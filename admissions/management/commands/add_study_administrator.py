"""Make a user a study administrator: staff, in the group of admissions/roles.py.

Creates the user when missing, with an unusable password: a password never goes on a command
line (shell history, the process list). Set one with ``manage.py changepassword USERNAME``.
An existing user keeps their password and other groups. The group's permissions are brought
up to date first, so content models added since the migration are included.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from admissions import roles


class Command(BaseCommand):
    help = "Create or promote a staff user into the Study administrator group."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="E-mail address of a new user.")

    def handle(self, *args, username, email, **options):
        if email:
            try:
                validate_email(email)
            except ValidationError as error:
                raise CommandError(f"--email: {error.messages[0]}") from None
        group = roles.update_group()
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            **{user_model.USERNAME_FIELD: username}, defaults={"email": email}
        )
        if created:
            user.set_unusable_password()
        user.is_staff = True
        user.save()
        user.groups.add(group)
        if created:
            self.stdout.write(
                f"Created {username} as a study administrator. Set a password with: "
                f"manage.py changepassword {username}"
            )
        else:
            self.stdout.write(f"{username} is now a study administrator.")
