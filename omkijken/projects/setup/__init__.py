"""Setting a project up: creating it, its working groups and members, care-partner agreements,
section caps, and the reminders (end of a support period, omklap flip dates) that become tasks."""
