// Where the API lives. Same origin locally; the CDK deployment replaces this file with the API URL.
window.COMPLAINT_CARE_CONFIG = { apiBase: '' };
