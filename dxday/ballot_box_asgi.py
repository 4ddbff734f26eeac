"""The ASGI entry point of the ballot box (dxday.contests.ballot_box): the public vote path, with
everything else handed to Django. Served by `dxday serve --ballot-box`."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxday.settings")
# Under ASGI each request Django serves runs in a thread of its own, so a connection kept after it would be
# left behind with the thread (Django's advice for ASGI: no persistent connections). The box's own
# writers keep theirs.
os.environ["DB_CONN_MAX_AGE"] = "0"
django.setup(set_prefix=False)

from dxday.contests.ballot_box import BallotBox  # noqa: E402  (after Django is set up)

application = BallotBox()
