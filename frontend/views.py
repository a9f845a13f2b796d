from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from .patterns import render_library


@login_required
@permission_required("frontend.view_pattern_library", raise_exception=True)
def pattern_library(request):
    return render(request, "frontend/pattern_library.html", {"library": render_library(request)})
