/** The HTTP statuses the lab answers with, by name. */
export const HTTP_STATUS = {
  ok: 200,
  seeOther: 303,
  badRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  unprocessable: 422,
  internal: 500,
  badGateway: 502,
  unavailable: 503,
} as const;
