"""The chat page's form (a new topic); sharing.chat.services decides, and its errors are shown on it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sharing.chat.services import TOPIC_MAX_LENGTH


class TopicForm(forms.Form):
    topic = forms.CharField(label=_("New topic"), max_length=TOPIC_MAX_LENGTH)
