-- AlterTable
ALTER TABLE "ActivationToken" ADD COLUMN "formatLocale" TEXT;
ALTER TABLE "ActivationToken" ADD COLUMN "language" TEXT;
