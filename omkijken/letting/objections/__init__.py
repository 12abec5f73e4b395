"""Objections (bezwaar) against the outcome of an allocation round: lodged by the household from its
letter (or received on paper and registered by the letting officer), decided with a reason, the
decision mailed to the household."""
