/**
 * The trailer a service sets on every error status it answers itself, so a
 * client can tell "the service answered UNAVAILABLE" (a registry or the
 * database behind it is down) from "the service could not be reached".
 */
export const ANSWERED_BY_TRAILER = 'geo-answered-by';
