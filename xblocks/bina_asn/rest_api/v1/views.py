"""The v1 API's root: who the caller is and which list endpoints exist."""

from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from xblocks.common.listviews import SyncAPIView

# Named routes of the list endpoints.
LIST_ROUTES: list[str] = [
    "assessment-attempts",
    "assessment-analysis",
    "ideas",
    "partners",
    "workshop-sessions",
    "workshop-attendance",
    "workshop-reactions",
]


class ApiRootView(SyncAPIView, APIView):
    """``GET /api/bina/v1/``: who the caller is and which list endpoints exist."""

    def get(self, request):
        return Response(
            {
                "username": request.user.username,
                "endpoints": {name: reverse(f"bina_asn:v1:{name}", request=request) for name in LIST_ROUTES},
            }
        )
