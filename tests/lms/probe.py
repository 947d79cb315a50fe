"""A tiny block for testing the dev LMS runtime itself: it reports who is asking."""

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Integer, Scope

from xblocks.common import compat


@XBlock.needs("user")
@XBlock.wants("studio_user_permissions")
class ProbeBlock(XBlock):
    """Answers ``whoami`` with what ``compat.current_user`` sees, and counts calls per learner."""

    calls = Integer(default=0, scope=Scope.user_state, help="Calls by this learner.")

    def student_view(self, context=None):
        return Fragment("<p class='probe'>probe</p>")

    def studio_view(self, context=None):
        return Fragment("<p class='probe-studio'>probe studio</p>")

    def author_view(self, context=None):
        return self.studio_view(context)

    @XBlock.json_handler
    def whoami(self, data, suffix=""):
        self.calls += 1
        who = compat.current_user(self)
        return {
            "username": who.username,
            "anonymous_user_id": who.anonymous_user_id,
            "is_staff": who.is_staff,
            "course": compat.course_key_string(self),
            "calls": self.calls,
            "can_edit_content": compat.can_edit_content(self),
        }
