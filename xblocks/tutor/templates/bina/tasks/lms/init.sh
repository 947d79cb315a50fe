# Bina ASN (Tutor plugin "bina"): the companion's service user and its OAuth2 applications in the LMS.
# Global staff (not superuser) lets it read enrollments, grades and /api/bina/v1/; it never signs in
# with a password. Both commands are idempotent: a second `tutor local do init` updates, never duplicates.
./manage.py lms manage_user {{ BINA_SERVICE_USERNAME|bina_sh }} {{ BINA_SERVICE_EMAIL|bina_sh }} --staff --unusable-password
./manage.py lms create_dot_application \
  --grant-type=client-credentials \
  --client-id={{ BINA_OAUTH2_CLIENT_ID|bina_sh }} \
  --client-secret={{ BINA_OAUTH2_CLIENT_SECRET|bina_sh }} \
  --update \
  {{ BINA_OAUTH2_APPLICATION_NAME|bina_sh }} {{ BINA_SERVICE_USERNAME|bina_sh }}
# Sign-in to the companion through the LMS (edx-auth-backends' EdXOAuth2), as ecommerce's and
# discovery's applications are made: authorization code, never asking learners, with the user_id scope.
./manage.py lms create_dot_application \
  --grant-type=authorization-code \
  --redirect-uris={{ (BINA_COMPANION_PUBLIC_URL ~ "/complete/edx-oauth2/")|bina_sh }} \
  --skip-authorization \
  --scopes=user_id \
  --client-id={{ BINA_SSO_CLIENT_ID|bina_sh }} \
  --client-secret={{ BINA_SSO_CLIENT_SECRET|bina_sh }} \
  --update \
  {{ BINA_SSO_APPLICATION_NAME|bina_sh }} {{ BINA_SERVICE_USERNAME|bina_sh }}
