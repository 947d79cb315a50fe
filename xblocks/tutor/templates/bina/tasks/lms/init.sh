# Bina ASN (Tutor plugin "bina"): the companion's service user and its OAuth2 application in the LMS.
# Global staff (not superuser) lets it read enrollments, grades and /api/bina/v1/; it never signs in
# with a password. Both commands are idempotent: a second `tutor local do init` updates, never duplicates.
./manage.py lms manage_user {{ BINA_SERVICE_USERNAME|bina_sh }} {{ BINA_SERVICE_EMAIL|bina_sh }} --staff --unusable-password
./manage.py lms create_dot_application \
  --grant-type=client-credentials \
  --client-id={{ BINA_OAUTH2_CLIENT_ID|bina_sh }} \
  --client-secret={{ BINA_OAUTH2_CLIENT_SECRET|bina_sh }} \
  --update \
  {{ BINA_OAUTH2_APPLICATION_NAME|bina_sh }} {{ BINA_SERVICE_USERNAME|bina_sh }}
