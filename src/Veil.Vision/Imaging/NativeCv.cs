using OpenCvSharp;
using OpenCvSharp.Internal;

namespace Veil.Vision.Imaging;

/// <summary>
/// The OpenCV calls made on every frame, through OpenCvSharp's raw entry points: its Cv2 wrappers
/// allocate managed objects (Mat headers, InputArray/OutputArray) on each call, and the
/// detection path allocates no managed memory per frame. Native headers are made and freed here.
/// </summary>
internal static unsafe class NativeCv
{
    /// <summary>Resizes one 8-bit plane region into another.</summary>
    public static void Resize(byte* src, int srcStride, int srcW, int srcH, byte* dst, int dstStride, int dstW, int dstH, InterpolationFlags interpolation)
    {
        nint s = 0, d = 0, input = 0, output = 0;
        try
        {
            Check(NativeMethods.core_Mat_new8(srcH, srcW, MatType.CV_8UC1, (nint)src, srcStride, out s), "Mat");
            Check(NativeMethods.core_Mat_new8(dstH, dstW, MatType.CV_8UC1, (nint)dst, dstStride, out d), "Mat");
            Check(NativeMethods.core_InputArray_new_byMat(s, out input), "InputArray");
            Check(NativeMethods.core_OutputArray_new_byMat(d, out output), "OutputArray");
            Check(NativeMethods.imgproc_resize(input, output, new Size(dstW, dstH), 0, 0, (int)interpolation), "resize");
        }
        finally
        {
            Free(s, d, input, output);
        }
    }

    /// <summary>Filters one 8-bit plane region into another with the same 1-D kernel across and down.</summary>
    public static void SepFilter(byte* src, int srcStride, byte* dst, int dstStride, int width, int height, Mat kernel, BorderTypes border)
    {
        nint s = 0, d = 0, input = 0, output = 0, k = 0;
        try
        {
            Check(NativeMethods.core_Mat_new8(height, width, MatType.CV_8UC1, (nint)src, srcStride, out s), "Mat");
            Check(NativeMethods.core_Mat_new8(height, width, MatType.CV_8UC1, (nint)dst, dstStride, out d), "Mat");
            Check(NativeMethods.core_InputArray_new_byMat(s, out input), "InputArray");
            Check(NativeMethods.core_OutputArray_new_byMat(d, out output), "OutputArray");
            Check(NativeMethods.core_InputArray_new_byMat(kernel.CvPtr, out k), "InputArray");
            Check(NativeMethods.imgproc_sepFilter2D(input, output, MatType.CV_8U, k, k, new Point(-1, -1), 0, (int)border), "sepFilter2D");
        }
        finally
        {
            if (k != 0) NativeMethods.core_InputArray_delete(k);
            Free(s, d, input, output);
        }
        GC.KeepAlive(kernel);
    }

    /// <summary>Mirrors a Mat left to right in place.</summary>
    public static void FlipHorizontally(Mat image)
    {
        nint input = 0, output = 0;
        try
        {
            Check(NativeMethods.core_InputArray_new_byMat(image.CvPtr, out input), "InputArray");
            Check(NativeMethods.core_OutputArray_new_byMat(image.CvPtr, out output), "OutputArray");
            Check(NativeMethods.core_flip(input, output, 1), "flip");
        }
        finally
        {
            Free(0, 0, input, output);
        }
        GC.KeepAlive(image);
    }

    /// <summary>cvtColor between two existing Mats (the destination is (re)allocated by OpenCV as needed).</summary>
    public static void CvtColor(Mat src, Mat dst, ColorConversionCodes code)
    {
        nint input = 0, output = 0;
        try
        {
            Check(NativeMethods.core_InputArray_new_byMat(src.CvPtr, out input), "InputArray");
            Check(NativeMethods.core_OutputArray_new_byMat(dst.CvPtr, out output), "OutputArray");
            Check(NativeMethods.imgproc_cvtColor(input, output, (int)code, 0), "cvtColor");
        }
        finally
        {
            Free(0, 0, input, output);
        }
        GC.KeepAlive(src);
        GC.KeepAlive(dst);
    }

    private static void Free(nint matA, nint matB, nint input, nint output)
    {
        if (input != 0) NativeMethods.core_InputArray_delete(input);
        if (output != 0) NativeMethods.core_OutputArray_delete(output);
        if (matA != 0) NativeMethods.core_Mat_delete(matA);
        if (matB != 0) NativeMethods.core_Mat_delete(matB);
    }

    internal static void Check(ExceptionStatus status, string call)
    {
        if (status == ExceptionStatus.NotOccurred) return;
        NativeMethods.HandleException(status); // throws OpenCV's own message
        throw new InvalidOperationException($"OpenCV {call} failed ({status})");
    }
}
