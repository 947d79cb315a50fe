"""``GET /api/skm/v1/ikm/``: the IKM of every unit and period (thin: parse, call the selector)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from companion_service.organization.models import ServiceUnit

from ... import api
from ...ikm import Weighting
from ...periods import PeriodKind
from .permissions import CanReadIkm
from .serializers import UnitIkmSerializer


class IkmView(APIView):
    permission_classes = [CanReadIkm]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "kind", str, enum=[kind.value for kind in PeriodKind], description="quarter (default)"
            ),
            OpenApiParameter("year", int, many=True, description="limit to these years"),
            OpenApiParameter("unit", str, many=True, description="limit to these unit codes"),
            OpenApiParameter(
                "weighting", str, enum=[w.value for w in Weighting], description="regulation (default)"
            ),
        ],
        responses=UnitIkmSerializer(many=True),
    )
    def get(self, request):
        try:
            kind = PeriodKind(request.query_params.get("kind", PeriodKind.QUARTER))
            weighting = Weighting(request.query_params.get("weighting", Weighting.REGULATION))
            years = [int(year) for year in request.query_params.getlist("year")] or None
        except ValueError as exc:
            raise ValidationError(
                _("Use kind=quarter|semester|year, weighting=regulation|exact, year=2025.")
            ) from exc
        codes = request.query_params.getlist("unit") or None
        if codes and not ServiceUnit.objects.filter(code__in=codes).exists():
            return Response([])
        rows = api.ikm_by_unit_and_period(kind, years=years, unit_codes=codes, weighting=weighting)
        return Response(UnitIkmSerializer(rows, many=True).data)
