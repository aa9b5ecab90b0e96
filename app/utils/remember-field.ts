// Shared by a list's filter form (client) and app/services/preferences.server.ts: the hidden field that
// marks a submission of the filter form, the only request whose filters are remembered (issue 16).
export const REMEMBER_FIELD = "remember";
