import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { ApiError } from './api-error';
import { ToastService } from './toast.service';

/** Set on a request whose caller reports failures itself (no generic error toast). */
export const SILENT_ERRORS = new HttpContextToken<boolean>(() => false);

/** Turns every failed call into an `ApiError` carrying the server's message, and toasts it unless silenced. */
export const errorInterceptor: HttpInterceptorFn = (request, next) => {
  const toasts = inject(ToastService);
  return next(request).pipe(
    catchError((error: unknown) => {
      const apiError = error instanceof HttpErrorResponse ? ApiError.from(error) : new ApiError(0, String(error));
      if (!request.context.get(SILENT_ERRORS)) {
        toasts.error(apiError.message);
      }
      return throwError(() => apiError);
    }),
  );
};
