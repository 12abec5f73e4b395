"""Shared view helpers: the one shape of a form page, and a service's errors shown to the user.

Every context's views use these, so that "POST, call one service, redirect, or show the form again
with its errors" is written once. Who may use a view: ``omkijken.accounts.access.requires``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

T = TypeVar("T")
F = TypeVar("F", bound=BaseForm)


def apply_errors(form: BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where it names one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    """Show a service's ValidationError as messages (for buttons without a form page)."""
    for message in exc.messages:
        messages.error(request, message)


def form_page(
    request: HttpRequest,
    form: F,
    *,
    template: str,
    save: Callable[[F], T],
    done: Callable[[T], HttpResponse],
    success: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """The form-POST-redirect-or-show-errors shape.

    On POST with a valid ``form``, ``save(form)`` calls one service. A ValidationError it raises
    lands on the form, which is shown again (status 200, nothing saved). Otherwise ``success`` is
    flashed and ``done(result)`` answers (normally a redirect). On GET the form is shown.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if success:
                messages.success(request, success)
            return done(result)
    return render(request, template, {**(context or {}), "form": form})


def flash_form_errors(request: HttpRequest, form: BaseForm) -> None:
    """Show a form's own errors as messages (a button form on another page has no place for them)."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def button_action(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    success: str | Callable[[T], str],
    back: HttpResponse,
    done: Callable[[T], HttpResponse] | None = None,
) -> HttpResponse:
    """A button that calls one service: on success flash ``success`` (a text, or made from the
    service's result) and answer ``done(result)`` or ``back``; a ValidationError is flashed,
    nothing is saved, and the user goes ``back``."""
    try:
        result = call()
    except ValidationError as exc:
        flash_errors(request, exc)
        return back
    messages.success(request, success(result) if callable(success) else success)
    return done(result) if done is not None else back


def post_action(
    request: HttpRequest,
    form: F,
    *,
    save: Callable[[F], T],
    success: str | Callable[[T], str],
    back: HttpResponse,
    done: Callable[[T], HttpResponse] | None = None,
) -> HttpResponse:
    """The button-form shape: a small form posted from a detail page.

    With a valid ``form``, as :func:`button_action` with ``save(form)``; otherwise the form's own
    errors are flashed, nothing is saved, and the user goes ``back`` to the page they came from.
    """
    if not form.is_valid():
        flash_form_errors(request, form)
        return back
    return button_action(request, lambda: save(form), success=success, back=back, done=done)
