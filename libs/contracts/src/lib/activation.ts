import { Type, type Static } from 'typebox';

/**
 * The answer to a registration while the server sends mail (202): the same for every address,
 * whether it is new, waiting for activation or has an account, so that it reveals none of that.
 */
export const RegisterAcceptedResponseSchema = Type.Object({
  status: Type.Literal('activation-sent'),
  message: Type.String(),
});
export type RegisterAcceptedResponse = Static<typeof RegisterAcceptedResponseSchema>;

export const REGISTER_ACCEPTED: RegisterAcceptedResponse = {
  status: 'activation-sent',
  message: 'Check your inbox: we have sent an email to this address. To activate your account, open its link within 24 hours.',
};

export const ActivateBodySchema = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200, description: 'The `token` of the link in the activation mail' }) },
  { additionalProperties: false },
);
export type ActivateBody = Static<typeof ActivateBodySchema>;

export const ActivateResponseSchema = Type.Object({
  status: Type.Literal('activated'),
  email: Type.String({ description: "The account's address, for the sign-in form (whoever opened the link has the mail it came in)" }),
  message: Type.String(),
});
export type ActivateResponse = Static<typeof ActivateResponseSchema>;
