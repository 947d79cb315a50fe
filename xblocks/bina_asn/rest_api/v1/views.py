"""Views of the v1 API. Thin: they check who asks, parse the query and hand over to selectors."""

from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from xblocks.common.compat import api_authentication_classes

from .permissions import IsGlobalStaffOrServiceUser

# Named routes of the list endpoints; each block's issue adds its own.
LIST_ROUTES: list[str] = [
    "assessment-attempts",
    "assessment-analysis",
    "ideas",
    "partners",
    "workshop-sessions",
    "workshop-attendance",
    "workshop-reactions",
]


class SyncAPIView(APIView):
    """Base for every v1 view: LMS authentication, staff or service user only."""

    authentication_classes = api_authentication_classes()
    permission_classes = [IsGlobalStaffOrServiceUser]


class ApiRootView(SyncAPIView):
    """``GET /api/bina/v1/``: who the caller is and which list endpoints exist."""

    def get(self, request):
        return Response(
            {
                "username": request.user.username,
                "endpoints": {name: reverse(f"bina_asn:v1:{name}", request=request) for name in LIST_ROUTES},
            }
        )
