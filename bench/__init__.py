"""What ``make bench`` needs beyond management commands: the settings of its gunicorn and the
wrk script that reports each run as one line of JSON (programs/management/commands/loadbench.py).
"""
