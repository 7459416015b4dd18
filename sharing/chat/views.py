"""The chat page of a defense group, mounted at /a/<slug>/groups/<id>/chat/: the rooms, one room's messages (the
socket of sharing.chat.consumers delivers them live), and a form for a new topic. Participation is resolved as on
every group page (sharing.defense.views.GroupMixin)."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from sharing.chat import selectors, services
from sharing.chat.forms import TopicForm
from sharing.chat.models import MESSAGE_MAX_LENGTH
from sharing.defense import selectors as defense_selectors
from sharing.defense import services as defense_services
from sharing.defense.access import Level
from sharing.defense.models import ParticipantStatus
from sharing.defense.views import GroupMixin
from tenancy.access import NoAccess
from web.service_views import ServiceFormView


class ChatView(GroupMixin, ServiceFormView):
    """The chat of one room (?room=<id>, the general room by default); chat.js talks to the room's socket.
    POST creates a topic."""

    minimum = Level.FULL
    form_class = TopicForm
    template_name = "chat/room.html"

    @cached_property
    def rooms(self):
        return list(selectors.rooms(self.gaccess))

    @cached_property
    def room(self):
        wanted = self.request.GET.get("room")
        if wanted is None:
            return next(room for room in self.rooms if not room.topic)
        room = next((room for room in self.rooms if str(room.pk) == wanted), None)
        if room is None:
            raise NoAccess
        return room

    def get_context_data(self, **kwargs):
        gaccess = self.gaccess
        people = []  # whom the caller may mention: the people of the active participants, themselves excepted
        for participant in defense_selectors.participants(gaccess).filter(status=ParticipantStatus.ACTIVE):
            others = defense_services.people_of(participant).exclude(pk=self.user.pk)
            people += [(person, participant) for person in others]
        slug = self.access.association.slug
        return super().get_context_data(
            rooms=self.rooms,
            room=self.room,
            people=people,
            documents=defense_selectors.documents(gaccess),
            body_max_length=MESSAGE_MAX_LENGTH,
            socket_path=f"/ws/a/{slug}/groups/{gaccess.group.pk}/rooms/{self.room.pk}/",
            **kwargs,
        )

    def perform(self, form):
        self.created = services.topic_create(gaccess=self.gaccess, topic=form.cleaned_data["topic"])
        return _("The topic is open.")

    def get_success_url(self) -> str:
        url = reverse("chat:room", kwargs={"slug": self.access.association.slug, "group_id": self.gaccess.group.pk})
        return f"{url}?room={self.created.pk}"
