import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { API_TOKEN, AuthSession } from './api-token';

/** Adds `Authorization: Bearer` when a token is kept (unless the call sets its own); a 401 asks the person to sign in. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const token = inject(API_TOKEN)();
  const session = inject(AuthSession);
  const withToken = token && !request.headers.has('Authorization') ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
  return next(withToken).pipe(
    catchError((error: unknown) => {
      // The error interceptor (inside this one) has already turned it into an ApiError; both carry `status`.
      if ((error as { status?: number })?.status === 401 && !request.headers.has('Authorization')) session.requireSignIn();
      return throwError(() => error);
    }),
  );
};
