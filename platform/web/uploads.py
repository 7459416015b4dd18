"""Uploaded files' names as the client sent them. Django keeps only the last part of a name with a path in it
("../x.pdf" arrives as "x.pdf"); group documents refuse such a name instead of quietly shortening it
(sharing.defense.uploads.clean_filename), so the names as sent are kept for the form to check."""

import html
from functools import partial

from django.http.multipartparser import MultiPartParser


class NameKeepingParser(MultiPartParser):
    def __init__(self, *args, sent_names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.sent_names = sent_names

    def sanitize_file_name(self, file_name):
        self.sent_names.append(html.unescape(file_name))
        return super().sanitize_file_name(file_name)


class SentFileNamesMiddleware:
    """Installed before anything reads the POST data (the CSRF check does): `request.sent_file_names` lists
    each uploaded file's name as sent, in the order of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.sent_file_names = []
        request.multipart_parser_class = partial(NameKeepingParser, sent_names=request.sent_file_names)
        return self.get_response(request)
